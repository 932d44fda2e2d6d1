package dev.overton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.RunSpec;
import dev.overton.contracts.json.EventJson;

class RunSpecBuilderTest {

    @TempDir
    Path dir;

    @Test
    void buildsAReplayRunWithAbsolutePathsAndTheAlignedModelAsReference() throws IOException {
        Path data = file("prompts.jsonl");
        Path base = file("base.jsonl");
        Path chat = file("chat.jsonl");

        RunSpec spec = new RunSpecBuilder()
                .dataset(data)
                .base(ModelRef.parse("replay:llama-2-base"), null, base)
                .aligned(ModelRef.parse("replay:llama-2-chat"), null, chat)
                .samples(5)
                .build();

        assertThat(spec.name()).isEqualTo("llama-2-base vs llama-2-chat");
        assertThat(spec.reference()).isEqualTo("llama-2-chat");
        assertThat(spec.dataset().path()).isEqualTo(data.toAbsolutePath().toString());
        assertThat(spec.variants())
                .extracting(v -> v.name() + "|" + v.backend() + "|" + v.source() + "|" + v.samples())
                .containsExactly(
                        "llama-2-base|replay|" + base.toAbsolutePath() + "|5",
                        "llama-2-chat|replay|" + chat.toAbsolutePath() + "|5");
        assertThat(spec.icl()).isEmpty();
    }

    @Test
    void sendsBaseModelsRawPromptsAndAlignedModelsChatWithTheSamplingParameters() throws IOException {
        String json = new RunSpecBuilder()
                .dataset(file("prompts.jsonl"))
                .base(ModelRef.parse("openai:meta-llama/Llama-2-7b-hf@http://gpu-1:8000/v1"), null, null)
                .aligned(ModelRef.parse("openai:meta-llama/Llama-2-7b-chat-hf@http://gpu-1:8001/v1"), null, null)
                .samples(3)
                .param("temperature", 0.5)
                .param("max_tokens", null)
                .json();

        JsonNode spec = EventJson.mapper().readTree(json);
        JsonNode base = spec.path("variants").get(0);
        assertThat(base.path("name").asText()).isEqualTo("Llama-2-7b-hf");
        assertThat(base.path("api").asText()).isEqualTo("completions");
        assertThat(base.path("endpoint").asText()).isEqualTo("http://gpu-1:8000/v1");
        assertThat(base.path("model").asText()).isEqualTo("meta-llama/Llama-2-7b-hf");
        assertThat(base.path("samples").asInt()).isEqualTo(3);
        assertThat(base.path("params").path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(base.path("params").has("max_tokens")).isFalse();
        assertThat(spec.path("variants").get(1).path("api").asText()).isEqualTo("chat");
        assertThat(spec.path("reference").asText()).isEqualTo("Llama-2-7b-chat-hf");
    }

    @Test
    void addsOneInContextVariantOfTheBasePerKind() throws IOException {
        RunSpec spec = replayBuilder()
                .icl(List.of(RunSpecBuilder.IclKind.KNN, RunSpecBuilder.IclKind.SUMMARY, RunSpecBuilder.IclKind.KNN))
                .build();

        assertThat(spec.icl())
                .extracting(v -> v.name() + "|" + v.base() + "|" + v.examples() + "|" + v.k() + "|" + v.hint())
                .containsExactly(
                        "llama-2-base-icl-knn|llama-2-base|knn-prompt|3|none",
                        "llama-2-base-icl-summary|llama-2-base|fixed|3|summary");
    }

    @Test
    void namesTheOptionOfAMissingFile() {
        assertThatThrownBy(() -> new RunSpecBuilder()
                        .dataset(dir.resolve("missing.jsonl"))
                        .base(ModelRef.parse("replay:a"), null, null)
                        .aligned(ModelRef.parse("replay:b"), null, null)
                        .build())
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("--dataset: no readable file at " + dir.resolve("missing.jsonl"))
                .extracting(e -> ((CliException) e).exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aReplayModelNeedsItsReplayFileAndAServerModelItsEndpoint() throws IOException {
        Path data = file("prompts.jsonl");
        assertThatThrownBy(() -> new RunSpecBuilder()
                        .dataset(data)
                        .base(ModelRef.parse("replay:a"), null, null)
                        .aligned(ModelRef.parse("replay:b"), null, file("b.jsonl"))
                        .build())
                .hasMessageStartingWith("--replay-base is required when --base uses the replay backend");
        assertThatThrownBy(() -> new RunSpecBuilder()
                        .dataset(data)
                        .base(ModelRef.parse("replay:a"), null, file("a.jsonl"))
                        .aligned(ModelRef.parse("openai:chat-model"), null, null)
                        .build())
                .hasMessageContaining("--aligned uses the openai backend, which needs the server's URL");
        assertThatThrownBy(() -> new RunSpecBuilder()
                        .dataset(data)
                        .base(ModelRef.parse("openai:m@http://x/v1"), null, file("a.jsonl"))
                        .aligned(ModelRef.parse("openai:n@http://x/v1"), null, null)
                        .build())
                .hasMessageStartingWith("--replay-base applies to the replay backend only");
    }

    @Test
    void variantNamesComeFromTheModelAndNeverCollide() throws IOException {
        RunSpec spec = new RunSpecBuilder()
                .dataset(file("prompts.jsonl"))
                .base(ModelRef.parse("openai:org/model v1@http://a/v1"), null, null)
                .aligned(ModelRef.parse("openai:other/model v1@http://b/v1"), null, null)
                .build();

        assertThat(spec.variants()).extracting(v -> v.name()).containsExactly("model-v1-base", "model-v1-aligned");
        assertThat(spec.reference()).isEqualTo("model-v1-aligned");
        assertThat(RunSpecBuilder.variantName("mine", ModelRef.parse("replay:x"), "base"))
                .isEqualTo("mine");
        assertThat(RunSpecBuilder.variantName(null, ModelRef.parse("replay:__"), "base"))
                .isEqualTo("base");
    }

    @Test
    void parsesModelReferences() {
        assertThat(ModelRef.parse("openai:meta-llama/Llama-2-7b-hf@http://gpu-1:8000/v1"))
                .isEqualTo(new ModelRef("openai", "meta-llama/Llama-2-7b-hf", "http://gpu-1:8000/v1"));
        assertThat(ModelRef.parse("replay:llama-2-base")).isEqualTo(new ModelRef("replay", "llama-2-base", null));
        assertThatThrownBy(() -> ModelRef.parse("llama")).hasMessageContaining("names no backend");
        assertThatThrownBy(() -> ModelRef.parse("replay:")).hasMessageContaining("names no model");
        assertThatThrownBy(() -> ModelRef.parse("openai:m@")).hasMessageContaining("empty endpoint");
    }

    private RunSpecBuilder replayBuilder() throws IOException {
        return new RunSpecBuilder()
                .dataset(file("prompts.jsonl"))
                .base(ModelRef.parse("replay:llama-2-base"), null, file("base.jsonl"))
                .aligned(ModelRef.parse("replay:llama-2-chat"), null, file("chat.jsonl"));
    }

    private Path file(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}\n");
        }
        return file;
    }
}
