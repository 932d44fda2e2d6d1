package dev.overton.semantic.judge;

/**
 * A judge output that does not have the expected shape. Says which line and which field, so that a bad file is fixed
 * rather than silently half-read.
 */
public final class JudgeVerdictException extends RuntimeException {

    private final int line;
    private final String detail;

    public JudgeVerdictException(int line, String message) {
        super(line == 0 ? message : "line " + line + ": " + message);
        this.line = line;
        this.detail = message;
    }

    public JudgeVerdictException(int line, String message, Throwable cause) {
        super(line == 0 ? message : "line " + line + ": " + message, cause);
        this.line = line;
        this.detail = message;
    }

    /** What is wrong, without the line number: fit to quote back to a live judge in a repair request. */
    public String detail() {
        return detail;
    }

    /** The 1-based line of the file (0 when not from a file). */
    public int line() {
        return line;
    }
}
