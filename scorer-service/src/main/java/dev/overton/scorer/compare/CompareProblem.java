package dev.overton.scorer.compare;

/**
 * A comparison that cannot be made: a bad parameter (400, naming it) or an unknown run (404). Mapped to an RFC 9457
 * problem body by scorer-service's {@code ProblemMappers}.
 */
public final class CompareProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String parameter;

    private CompareProblem(int status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    /** A bad value of query parameter {@code parameter}. */
    public static CompareProblem badParameter(String parameter, String message) {
        return new CompareProblem(400, parameter, message);
    }

    /** A run the scorer does not know, given as {@code parameter}. */
    public static CompareProblem unknownRun(String parameter, String message) {
        return new CompareProblem(404, parameter, message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The query parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
