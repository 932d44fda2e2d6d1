package dev.overton.semantic.diversity;

import java.util.Arrays;

/**
 * Eigenvalues of a real symmetric matrix by the cyclic Jacobi method: sweep over all off-diagonal pairs, zeroing each
 * with a plane rotation, until the off-diagonal mass is negligible. Jacobi is slower than tridiagonal QR for large
 * matrices but short, unconditionally stable and accurate to working precision for small eigenvalues, which is what
 * the Vendi score's entropy needs; here matrices are sample sets, at most a few hundred rows.
 */
public final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {}

    /**
     * The eigenvalues of {@code matrix}, in descending order. The input is not modified.
     *
     * @throws IllegalArgumentException when the matrix is not square or not symmetric (to 1e-9 relative)
     */
    public static double[] eigenvalues(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException(
                        "matrix is not square: row " + i + " has " + matrix[i].length + " entries, expected " + n);
            }
            a[i] = matrix[i].clone();
            for (double v : a[i]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * Math.max(1, scale)) {
                    throw new IllegalArgumentException(
                            "matrix is not symmetric at (" + i + "," + j + "): " + a[i][j] + " vs " + a[j][i]);
                }
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL) || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, p, q);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        Arrays.sort(values);
        for (int i = 0; i < n / 2; i++) {
            double t = values[i];
            values[i] = values[n - 1 - i];
            values[n - 1 - i] = t;
        }
        return values;
    }

    /** One Jacobi rotation in the (p, q) plane that zeroes a[p][q] (Rutishauser's stable form). */
    private static void rotate(double[][] a, int p, int q) {
        double apq = a[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            if (k == p || k == q) {
                continue;
            }
            double akp = a[k][p];
            double akq = a[k][q];
            double newKp = c * akp - s * akq;
            double newKq = s * akp + c * akq;
            a[k][p] = newKp;
            a[p][k] = newKp;
            a[k][q] = newKq;
            a[q][k] = newKq;
        }
        a[p][p] -= t * apq;
        a[q][q] += t * apq;
        a[p][q] = 0;
        a[q][p] = 0;
    }
}
