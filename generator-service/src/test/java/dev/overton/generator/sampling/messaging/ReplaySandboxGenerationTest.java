package dev.overton.generator.sampling.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.testing.InMemoryFlow;
import dev.overton.generator.testing.PublishedSets;

/**
 * The folder sandbox where a replay source is opened, through the consumer: a generation request is trusted for its
 * run, not for the file it names. A record naming a file outside the allowed folders (the test profile allows the
 * module's folder only), or a link re-pointed outside after the run was accepted, yields a failed set with the reason
 * and no samples.
 */
@QuarkusTest
class ReplaySandboxGenerationTest extends InMemoryFlow {

    private static final String RECORD = "{\"ok\":true,\"outputs\":[{\"message\":{\"content\":\"released\"}}]}\n";

    private String runId;
    private Path folder;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        runId = storedRun("it-sandbox-", "sandbox-test", 1);
        folder = Files.createDirectories(Path.of("target", runId));
        outside = Files.createTempDirectory("overton-outside");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Path dir : List.of(folder, outside)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void aRecordNamingEtcPasswdYieldsAFailedSetNotARead() {
        InMemorySink<String> sink = connector.sink("sample-sets-out");
        sink.clear();

        connector.source(GenerationRequestConsumer.CHANNEL).send(request("p0", "/etc/passwd"));

        SampleSet set = PublishedSets.await(sink, runId, "p0");
        assertThat(set.status()).isEqualTo(SampleSet.FAILED);
        assertThat(set.samples()).isEmpty();
        assertThat(set.error()).contains("/etc/passwd", "outside the folders").doesNotContain("root:");
    }

    @Test
    void aLinkSwappedOutsideAfterAcceptanceServesNoSamples() throws IOException {
        Path inside = Files.writeString(folder.resolve("released.jsonl"), RECORD);
        Path secret = Files.writeString(outside.resolve("secret.jsonl"), RECORD.replace("released", "secret"));
        Path link = Files.createSymbolicLink(folder.resolve("samples.jsonl"), inside.toAbsolutePath());
        String source = "target/" + runId + "/samples.jsonl";
        InMemorySink<String> sink = connector.sink("sample-sets-out");
        sink.clear();

        connector.source(GenerationRequestConsumer.CHANNEL).send(request("p0", source));
        assertThat(PublishedSets.await(sink, runId, "p0").samples())
                .extracting(s -> s.text())
                .containsExactly("released");

        Files.delete(link);
        Files.createSymbolicLink(link, secret);
        connector.source(GenerationRequestConsumer.CHANNEL).send(request("p1", source));

        SampleSet set = PublishedSets.await(sink, runId, "p1");
        assertThat(set.status()).isEqualTo(SampleSet.FAILED);
        assertThat(set.samples()).isEmpty();
        assertThat(set.error()).contains("samples.jsonl", "outside the folders");
    }

    private String request(String promptId, String source) {
        return EventJson.write(new GenerationRequest(
                SchemaVersions.V1,
                runId,
                new Prompt(promptId, 0, List.of(new ChatMessage("user", "q"))),
                new VariantSpec("v", "replay", "m", source, null, null, 1, Map.of()),
                false,
                Instant.now()));
    }
}
