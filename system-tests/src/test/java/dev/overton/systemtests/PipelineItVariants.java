package dev.overton.systemtests;

import java.nio.file.Path;

/** Run-spec fragments shared by the system tests. */
final class PipelineItVariants {

    private PipelineItVariants() {}

    /** A replay variant answering from the released outputs of {@code name}, 5 samples per prompt. */
    static String replay(Path fixtures, String name) {
        return "{\"name\":\"" + name + "\",\"backend\":\"replay\",\"model\":\"" + name + "\",\"source\":\""
                + fixtures.resolve("outputs").resolve(name).resolve("samples.jsonl") + "\",\"samples\":5}";
    }
}
