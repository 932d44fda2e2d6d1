package dev.overton.cli;

/** The exit codes of {@code overton}, as documented in its help and in docs/report.md. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;

    /** The run failed (no set of a variant was generated) or its verdict is not available. */
    public static final int FAILED = 1;

    /** A usage error: unknown option, missing or malformed argument (picocli's own code). */
    public static final int USAGE = 2;

    /** A service did not answer; the message names its URL. */
    public static final int UNREACHABLE = 3;

    /** Bad input: a file that is not there, a run spec the generator refused, a run it does not know. */
    public static final int BAD_INPUT = 4;

    private ExitCodes() {}
}
