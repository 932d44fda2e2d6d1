package dev.overton.icl;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;

/**
 * The teacher's side of a run as the generator sends it to icl-service, for the flow tests that play the generator:
 * for each query (prompt id = its index), the teacher variant's generation request and its generated sample set, on
 * the in-memory channels {@code generation-requests-in} and {@code sample-sets-in}.
 */
final class TeacherSide {

    private TeacherSide() {}

    /** Sends the teacher's request and sample set ({@code samples} of the prompt's index) for each of {@code queries}. */
    static void send(
            InMemoryConnector connector,
            String runId,
            VariantSpec teacher,
            List<String> queries,
            IntFunction<List<Sample>> samples) {
        for (int i = 0; i < queries.size(); i++) {
            String id = String.valueOf(i);
            Prompt prompt = new Prompt(id, i, List.of(new ChatMessage("user", queries.get(i))));
            connector
                    .source("generation-requests-in")
                    .send(EventJson.write(
                            new GenerationRequest(SchemaVersions.V1, runId, prompt, teacher, true, Instant.now())));
            connector
                    .source("sample-sets-in")
                    .send(EventJson.write(new SampleSet(
                            SchemaVersions.V1,
                            runId,
                            id,
                            teacher.name(),
                            true,
                            SampleSet.GENERATED,
                            null,
                            samples.apply(i),
                            Instant.now())));
        }
    }
}
