package dev.overton.contracts.files;

/**
 * A user-named file the {@link FileSandbox} will not read: outside the allowed folders, not a regular file, too big,
 * missing or unreadable. The message names the path and the fix, never the file's content, so it can be shown to
 * whoever named the file.
 */
public final class FileRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a file was refused; callers pick their wording (a field error, a failed set) by it. */
    public enum Reason {
        /** The file, after symbolic links are resolved, lies outside every allowed folder. */
        OUTSIDE,
        /** Nothing is there. */
        MISSING,
        /** It is a folder, device, pipe or other non-regular file. */
        NOT_A_FILE,
        /** It is bigger than the cap. */
        TOO_BIG,
        /** It changed between the check and the open (a swapped link or file), or could not be read. */
        UNREADABLE
    }

    private final Reason reason;

    FileRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the file was refused. */
    public Reason reason() {
        return reason;
    }
}
