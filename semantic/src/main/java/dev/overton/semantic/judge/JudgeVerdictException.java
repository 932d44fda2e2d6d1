package dev.overton.semantic.judge;

/**
 * A judge output that does not have the expected shape. Says which line and which field, so that a bad file is fixed
 * rather than silently half-read.
 */
public final class JudgeVerdictException extends RuntimeException {

    private final int line;

    public JudgeVerdictException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public JudgeVerdictException(int line, String message, Throwable cause) {
        super("line " + line + ": " + message, cause);
        this.line = line;
    }

    /** The 1-based line of the file (0 when not from a file). */
    public int line() {
        return line;
    }
}
