package dev.overton.cli;

/**
 * A failure the user can act on, with the exit code it ends the command with and a message that says what to do.
 * Printed as {@code overton: <message>}, never with a stack trace.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code. */
    public int exitCode() {
        return exitCode;
    }

    /** The run failed or its verdict is not available ({@link ExitCodes#FAILED}). */
    public static CliException failed(String message) {
        return new CliException(ExitCodes.FAILED, message);
    }

    /** A service did not answer ({@link ExitCodes#UNREACHABLE}). */
    public static CliException unreachable(String service, String url, String cause) {
        return new CliException(
                ExitCodes.UNREACHABLE,
                "cannot reach " + service + " at " + url + " (" + cause + "). Start the stack with 'bin/overton up'"
                        + " (or point the client at it: --" + service.replace("-service", "") + " URL).");
    }

    /** Bad input: a missing file, a refused run spec, an unknown run ({@link ExitCodes#BAD_INPUT}). */
    public static CliException badInput(String message) {
        return new CliException(ExitCodes.BAD_INPUT, message);
    }
}
