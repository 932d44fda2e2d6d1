package dev.overton.reporttests;

import java.awt.image.BufferedImage;

/**
 * Counting pixels of a screenshot by colour: how the browser tests check that a chart's marks were drawn in the
 * colours the page gives them, with a tolerance for anti-aliasing.
 */
final class Pixels {

    private Pixels() {}

    /** How many pixels of {@code image} are within {@code tolerance} of {@code rgb} in each of red, green and blue. */
    static int near(BufferedImage image, int rgb, int tolerance) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (close(image.getRGB(x, y), rgb, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Whether {@code argb} is within {@code tolerance} of {@code rgb} in each of red, green and blue (alpha ignored). */
    static boolean close(int argb, int rgb, int tolerance) {
        return Math.abs(((argb >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
                && Math.abs(((argb >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
                && Math.abs((argb & 0xff) - (rgb & 0xff)) <= tolerance;
    }
}
