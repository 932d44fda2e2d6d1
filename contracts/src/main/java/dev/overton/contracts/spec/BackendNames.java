package dev.overton.contracts.spec;

import java.util.Set;

/**
 * The backend names a run spec may use ({@code variants[].backend}, {@code judge.backend}). They are data, not an enum:
 * which backends a generator offers is its own configuration, passed to the checks as a set; these are only the names
 * whose meaning other services rely on.
 */
public final class BackendNames {

    /** Answers from released output files. */
    public static final String REPLAY = "replay";

    /** Any OpenAI-compatible HTTP server. */
    public static final String OPENAI = "openai";

    /** The embedded in-process backend (jlama). */
    public static final String JLAMA = "jlama";

    /** Every backend of a full build. */
    public static final Set<String> ALL = Set.of(REPLAY, OPENAI, JLAMA);

    private BackendNames() {}

    /** Whether {@code backend} only replays released outputs and cannot write new text. */
    public static boolean replays(String backend) {
        return REPLAY.equals(backend);
    }
}
