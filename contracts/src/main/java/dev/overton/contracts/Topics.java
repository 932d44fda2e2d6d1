package dev.overton.contracts;

/**
 * Kafka topic names shared by every service and test. Each consumed topic has a dead-letter topic named {@code
 * <topic>-dlq} where records that cannot be processed (bad JSON, unknown schema version) are parked so that the
 * pipeline keeps going.
 */
public final class Topics {

    /** Run created, with its full spec. Key: run id. */
    public static final String RUNS = "runs";

    /** One request per (prompt, variant). Key: {@code <runId>/<promptId>}. */
    public static final String GENERATION_REQUESTS = "generation-requests";

    /** One sample set per (prompt, variant) with the N texts. Key: {@code <runId>/<promptId>}. */
    public static final String SAMPLE_SETS = "sample-sets";

    /** Values the scorer stored for one sample set. Key: {@code <runId>/<promptId>}. */
    public static final String SCORES = "scores";

    /**
     * icl-service's recovery verdict for a run ({@link RecoveryReport}), re-published when the run's pair values change.
     * Key: run id.
     */
    public static final String RECOVERIES = "recoveries";

    /**
     * One-off model calls that are not samples of a run variant: judge verdicts (scorer-service) and hint summaries
     * (icl-service). The generator answers each with a {@link Completion} on {@value #COMPLETIONS}. Key: request id.
     */
    public static final String COMPLETION_REQUESTS = "completion-requests";

    /** The generator's answers to {@value #COMPLETION_REQUESTS}, one per request id. Key: request id. */
    public static final String COMPLETIONS = "completions";

    /**
     * Token-shift scorings ({@link TokenScoreRequest}): the scorer asks the base model, through the generator, to score
     * an aligned answer token by token after one context. The generator answers each with one {@link TokenScores} on
     * {@value #TOKEN_SCORES}. Key: request id.
     */
    public static final String TOKEN_SCORE_REQUESTS = "token-score-requests";

    /** The generator's answers to {@value #TOKEN_SCORE_REQUESTS}, one per request id. Key: request id. */
    public static final String TOKEN_SCORES = "token-scores";

    /**
     * A run is to be deleted ({@link RunDeletionRequested}): every service deletes what it holds for it and keeps a
     * tombstone so that late records of the run are dropped. Key: run id.
     */
    public static final String RUN_DELETIONS = "run-deletions";

    /** Each service's confirmation that it deleted a run ({@link RunDeletionConfirmed}). Key: run id. */
    public static final String RUN_DELETION_CONFIRMATIONS = "run-deletion-confirmations";

    /**
     * What each scorer service can compute ({@link ScorerCapabilities}): the measure groups its configuration switches
     * on. Key: the scorer's service name, so the newest record per service is kept. The generator reads it
     * to refuse, at {@code POST /runs}, a measure group no scorer offers.
     */
    public static final String SCORER_CAPABILITIES = "scorer-capabilities";

    /**
     * Monitor definitions ({@link MonitorDefined}), compacted: the latest record per monitor is its current definition
     * and state; a record with a null value (tombstone) says the monitor was deleted. Key: monitor id.
     */
    public static final String MONITORS = "monitors";

    /**
     * Prompts for monitors whose source is a stream: {@code {"monitor": "<name>", "prompt": "..."}} or {@code
     * {"monitor": "<name>", "messages": [...]}}, published by the user's own producers. Key: anything (the monitor's
     * name keeps one monitor's prompts in order).
     */
    public static final String MONITOR_PROMPTS = "monitor-prompts";

    /** Suffix of each consumed topic's dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = "-dlq";

    private Topics() {}

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
