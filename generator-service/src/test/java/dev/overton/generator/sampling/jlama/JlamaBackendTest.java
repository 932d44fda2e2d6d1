package dev.overton.generator.sampling.jlama;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.overton.contracts.ChatMessage;
import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.Sample;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoredToken;
import dev.overton.contracts.TokenScoreRequest;
import dev.overton.contracts.TokenScores;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.spec.FieldError;
import dev.overton.generator.sampling.GenerationMeters;
import dev.overton.generator.sampling.SampledSet;
import dev.overton.generator.tokenshift.TokenScoringCalls;
import dev.overton.jlama.JlamaSettings;
import dev.overton.jlama.TinyLlamaModel;

/**
 * The embedded backend on tiny random-weight models of SmolLM2's architecture, written by generator-jlama's test
 * fixture into a temp folder: real jlama inference, no download. The texts are noise; what is checked is the wiring
 * (framing, N samples with seed + i, usage, stop strings, failures as failed sets naming the fix).
 */
class JlamaBackendTest {

    @TempDir
    static Path tmp;

    private static String base;
    private static String instruct;
    private static SimpleMeterRegistry registry;
    private static JlamaBackend backend;

    @BeforeAll
    static void writeModels() throws Exception {
        base = TinyLlamaModel.base().writeTo(tmp, "tiny-base").toString();
        instruct = TinyLlamaModel.instruct().writeTo(tmp, "tiny-instruct").toString();
        registry = new SimpleMeterRegistry();
        JlamaSettings settings = JlamaSettings.defaults()
                .withCacheDir(tmp.resolve("cache"))
                .withOffline(true)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        backend = new JlamaBackend(settings, new GenerationMeters(registry, "jlama"));
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void baseVariantDrawsNSeededSamplesWithUsage() {
        VariantSpec variant = variant("tiny-base", base, "completions", 3, Map.of("max_tokens", 6, "seed", 7));

        SampledSet first = backend.sample(request(variant, null));
        SampledSet again = backend.sample(request(variant, null));

        assertThat(first.failed()).as(String.valueOf(first.error())).isFalse();
        assertThat(first.samples()).extracting(Sample::index).containsExactly(0, 1, 2);
        assertThat(first.samples())
                .extracting(Sample::text)
                .isEqualTo(again.samples().stream().map(Sample::text).toList());
        // seed + i: the three samples are not one sample three times.
        assertThat(first.samples().stream().map(Sample::text).distinct()).hasSizeGreaterThan(1);
        for (int i = 0; i < 3; i++) {
            assertThat(first.usageOf(i).completionTokens()).isBetween(1, 6);
            assertThat(first.usageOf(i).promptTokens()).isPositive();
            assertThat(first.usageOf(i).latencyMs()).isNotNull();
        }
        assertThat(registry.get(GenerationMeters.COMPLETION_TOKENS)
                        .tag("backend", "jlama")
                        .tag("variant", "tiny-base")
                        .counter()
                        .count())
                .isPositive();
        assertThat(registry.get(GenerationMeters.CALLS_IN_FLIGHT)
                        .tag("endpoint", JlamaBackend.ENDPOINT)
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void tokenScoringOfTheAnswerAfterThePlainFrameIsOneForwardPass() {
        VariantSpec variant = variant("tiny-base", base, "completions", 1, Map.of());
        TokenScoreRequest request = new TokenScoreRequest(
                SchemaVersions.V1,
                TokenScoreRequest.idOf("run-j", "0", "chat", 0, "plain"),
                "run-j",
                "0",
                "chat",
                0,
                "plain",
                variant,
                new Prompt("0", 0, List.of(new ChatMessage("user", "Why does the cat sit?"))),
                null,
                "The cat sat on the mat. Ça coûte 5 €.",
                5,
                Map.of(),
                Instant.now());

        TokenScores scores = new TokenScoringCalls(name -> "jlama".equals(name) ? backend : null).call(request);

        assertThat(scores.status()).as(scores.error()).isEqualTo(TokenScores.COMPLETED);
        assertThat(scores.method()).isEqualTo(TokenScores.FORWARD_PASS);
        assertThat(String.join(
                        "", scores.tokens().stream().map(ScoredToken::text).toList()))
                .isEqualTo(request.answer());
        assertThat(scores.tokens()).allSatisfy(t -> {
            assertThat(t.rank()).isBetween(1, 6);
            assertThat(t.logprob()).isLessThanOrEqualTo(0.0);
            assertThat(t.offset()).isBetween(0, request.answer().length());
        });
        List<FieldError> errors = new java.util.ArrayList<>();
        backend.checkTokenScoring(variant("tiny-instruct", instruct, "chat", 1, Map.of()), "tokenShift.base", errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("tokenShift.base");
    }

    @Test
    void baseVariantGetsTheZeroShotFrameAndTheFenceAsStopString() {
        GenerationRequest request =
                request(variant("tiny-base", base, "completions", 1, Map.of("max_tokens", 4)), null);

        var calls = JlamaBackend.calls(request);

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.prompt()).isEqualTo("# Query:\n```\nHow do plants grow?\n```\n\n# Answer:\n```\n");
            assertThat(call.stop()).containsExactly("```");
        });
    }

    @Test
    void renderedInContextPromptIsSentAsItIs() {
        GenerationRequest request = request(
                variant("tiny-base", base, "completions", 1, Map.of("max_tokens", 4)), "# Instruction\nBe kind.\n");

        assertThat(JlamaBackend.calls(request))
                .singleElement()
                .satisfies(call -> assertThat(call.prompt()).isEqualTo("# Instruction\nBe kind.\n"));
    }

    @Test
    void chatVariantUsesTheModelsChatTemplate() {
        SampledSet set = backend.sample(
                request(variant("tiny-chat", instruct, "chat", 2, Map.of("max_tokens", 5, "temperature", 0)), null));

        assertThat(set.failed()).as(String.valueOf(set.error())).isFalse();
        assertThat(set.samples()).hasSize(2);
        // Temperature 0 is greedy: both samples are the same text.
        assertThat(set.samples().get(0).text()).isEqualTo(set.samples().get(1).text());
        // The chat template wraps the question in role markers, so the prompt is longer than the question.
        assertThat(set.usageOf(0).promptTokens()).isGreaterThan(4);
    }

    @Test
    void unsupportedParamFailsTheSetNamingIt() {
        SampledSet set =
                backend.sample(request(variant("tiny-base", base, "completions", 1, Map.of("top_p", 0.9)), null));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).contains("top_p").contains("openai backend");
    }

    @Test
    void uncachedModelOfflineFailsTheSetNamingTheCachePath() {
        SampledSet set = backend.sample(
                request(variant("smollm2", "HuggingFaceTB/SmolLM2-135M", "completions", 1, Map.of()), null));

        assertThat(set.failed()).isTrue();
        assertThat(set.error())
                .contains("HuggingFaceTB/SmolLM2-135M")
                .contains(tmp.resolve("cache").toString());
    }

    @Test
    void chatVariantRefusesARenderedPrompt() {
        SampledSet set = backend.sample(request(variant("tiny-chat", instruct, "chat", 1, Map.of()), "# Query:"));

        assertThat(set.failed()).isTrue();
        assertThat(set.error()).contains("api 'completions'");
    }

    private static VariantSpec variant(String name, String model, String api, int samples, Map<String, Object> params) {
        return new VariantSpec(name, "jlama", model, null, null, api, samples, params);
    }

    private static GenerationRequest request(VariantSpec variant, String renderedPrompt) {
        return new GenerationRequest(
                SchemaVersions.V1,
                "run-1",
                new Prompt("0", 0, List.of(new ChatMessage("user", "How do plants grow?"))),
                variant,
                false,
                Instant.parse("2026-11-27T10:00:00Z"),
                renderedPrompt);
    }
}
