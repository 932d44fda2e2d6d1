package dev.overton.generator.sampling.openai;

/** A request that failed for good; its message is the reason stored with the failed set. */
final class CallFailed extends Exception {
    private static final long serialVersionUID = 1L;

    CallFailed(String reason) {
        super(reason, null, false, false);
    }
}
