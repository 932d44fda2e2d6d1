package dev.overton.generator.runs;

import static dev.overton.generator.runs.RefusedSpecs.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.TokenShiftSpec;
import dev.overton.contracts.spec.FieldError;

/**
 * {@code tokenShift} through the generator's validator: the spec's rules (contracts) and the base variant's backend
 * check, which refuses {@code replay} and chat-only variants.
 */
class TokenShiftValidationTest {

    @TempDir
    Path dir;

    private static String spec(String baseVariant, String tokenShift) {
        return "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"Capital of France?\"]},\"reference\":\"chat\","
                + "\"variants\":[" + baseVariant + ",{\"name\":\"chat\",\"backend\":\"openai\","
                + "\"endpoint\":\"http://gpu:8000/v1\",\"model\":\"llama-2-chat\",\"samples\":2}],"
                + "\"icl\":[{\"name\":\"base-icl\",\"base\":\"base\",\"k\":1}],"
                + "\"tokenShift\":" + tokenShift + "}";
    }

    private static final String COMPLETIONS_BASE = "{\"name\":\"base\",\"backend\":\"openai\","
            + "\"endpoint\":\"http://gpu:8000/v1\",\"model\":\"llama-2\",\"api\":\"completions\"}";

    @Test
    void completionsBaseOnAnOpenAiServerIsAcceptedAndTheSpecKeptWithDefaults() {
        AcceptedRun run = new RunSpecValidator(dir)
                .validate(spec(COMPLETIONS_BASE, "{\"base\":\"base\",\"contexts\":[\"plain\",\"base-icl\"]}"));

        assertThat(run.spec().tokenShift())
                .isEqualTo(new TokenShiftSpec("base", "chat", 1, 5, List.of("plain", "base-icl")));
    }

    @Test
    void jlamaCompletionsBaseIsAcceptedAndAJlamaChatBaseRefused() {
        String jlama = "{\"name\":\"base\",\"backend\":\"jlama\",\"model\":\"HuggingFaceTB/SmolLM2-135M\","
                + "\"api\":\"completions\"}";

        assertThat(new RunSpecValidator(dir)
                        .validate(spec(jlama, "{\"base\":\"base\"}"))
                        .spec()
                        .tokenShift()
                        .base())
                .isEqualTo("base");
        assertThat(errorsOf(dir, spec(jlama.replace("completions", "chat"), "{\"base\":\"base\"}")))
                .filteredOn(e -> e.field().equals("tokenShift.base"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("jlama base variant needs"));
    }

    @Test
    void runWithoutTokenShiftHasNone() {
        AcceptedRun run = new RunSpecValidator(dir).validate(spec(COMPLETIONS_BASE, "null"));

        assertThat(run.spec().tokenShift()).isNull();
    }

    @Test
    void chatOnlyBaseIsRefusedNamingTheFieldAndTheFix() {
        String chatBase =
                "{\"name\":\"base\",\"backend\":\"openai\",\"endpoint\":\"http://gpu:8000/v1\",\"model\":\"llama-2\"}";

        // The icl entry refuses the chat base too; the token-shift error is its own, at tokenShift.base.
        assertThat(errorsOf(dir, spec(chatBase, "{\"base\":\"base\"}")))
                .filteredOn(e -> e.field().equals("tokenShift.base"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("chat API", "\"api\": \"completions\"", "echo"));
    }

    @Test
    void replayBaseIsRefusedNamingTheField() {
        String replayBase = "{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"s.jsonl\"}";

        assertThat(errorsOf(dir, spec(replayBase, "{\"base\":\"base\"}")))
                .filteredOn(e -> e.field().equals("tokenShift.base"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'replay' backend", "cannot score tokens"));
    }

    @Test
    void specRulesAreReportedWithTheOtherErrors() {
        assertThat(errorsOf(dir, spec(COMPLETIONS_BASE, "{\"base\":\"base\",\"samples\":3,\"topK\":50,\"foo\":1}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("tokenShift.foo", "tokenShift.samples", "tokenShift.topK");
    }
}
