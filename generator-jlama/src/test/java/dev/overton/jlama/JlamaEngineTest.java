package dev.overton.jlama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.jlama.JlamaCall.Message;

/** The engine on tiny random-weight models of SmolLM2's architecture (see {@link TinyLlamaModel}). */
@Timeout(60)
class JlamaEngineTest {

    @TempDir
    static Path tmp;

    static String base;
    static String instruct;
    static JlamaEngine engine;

    @BeforeAll
    static void writeModels() throws IOException {
        base = TinyLlamaModel.base().writeTo(tmp, "tiny-base").toString();
        instruct = TinyLlamaModel.instruct().writeTo(tmp, "tiny-instruct").toString();
        engine = new JlamaEngine(new JlamaModels(offlineSettings(tmp.resolve("cache"))));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    static JlamaSettings offlineSettings(Path cache) {
        return JlamaSettings.defaults().withCacheDir(cache).withOffline(true);
    }

    @Test
    void completionsGenerateUntilMaxTokensAndReportLength() {
        JlamaCompletion c = engine.generate(JlamaCall.completion(base, "The cat sat on", 0.8, 12, 7L, List.of()));

        assertThat(c.text()).isNotBlank();
        assertThat(c.completionTokens()).isEqualTo(12);
        assertThat(c.finishReason()).isEqualTo(JlamaCompletion.LENGTH);
        // The base tokenizer adds no BOS (as SmolLM2's), so the prompt is exactly the text's tokens.
        assertThat(c.promptTokens())
                .isEqualTo(TinyBpeTokenizer.encode("The cat sat on").size());
        assertThat(c.latency()).isPositive();
    }

    @Test
    void completionTokensNeverExceedMaxTokens() {
        for (int maxTokens : new int[] {1, 2, 5}) {
            JlamaCompletion c = engine.generate(JlamaCall.completion(base, "The", 1.0, maxTokens, 3L, List.of()));

            assertThat(c.completionTokens()).isBetween(1, maxTokens);
        }
    }

    @Test
    void sameSeedGivesSameTextAndOtherSeedsGiveOtherTexts() {
        JlamaCall call = JlamaCall.completion(base, "In the morning", 1.0, 16, 11L, List.of());

        String first = engine.generate(call).text();
        String again = engine.generate(call).text();
        List<String> others = IntStream.range(0, 4)
                .mapToObj(i -> engine.generate(call.withSeed(100L + i)).text())
                .toList();

        assertThat(again).isEqualTo(first);
        assertThat(others).anySatisfy(other -> assertThat(other).isNotEqualTo(first));
    }

    @Test
    void temperatureZeroIsDeterministicWithoutASeed() {
        JlamaCall call = JlamaCall.completion(base, "The dog", 0.0, 10, null, List.of());

        assertThat(engine.generate(call).text()).isEqualTo(engine.generate(call).text());
    }

    @Test
    void chatRendersTheModelsChatTemplate() {
        JlamaCompletion chat = engine.generate(
                JlamaCall.chat(instruct, List.of(Message.user("Hello there")), 0.0, 4, null, List.of()));
        JlamaCompletion raw = engine.generate(JlamaCall.completion(instruct, "Hello there", 0.0, 4, null, List.of()));

        // What transformers' apply_chat_template renders for SmolLM2-Instruct; the template has no bos_token, so no
        // BOS is added in front of it.
        String rendered = "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging"
                + " Face<|im_end|>\n<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n";
        assertThat(chat.promptTokens())
                .isEqualTo(TinyBpeTokenizer.encode(rendered).size());
        assertThat(chat.promptTokens()).isGreaterThan(raw.promptTokens());
    }

    @Test
    void chatKeepsAGivenSystemMessageInsteadOfTheDefault() {
        JlamaCompletion chat = engine.generate(JlamaCall.chat(
                instruct, List.of(Message.system("Be brief."), Message.user("Hi")), 0.0, 2, null, List.of()));

        String rendered =
                "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n" + "<|im_start|>assistant\n";
        assertThat(chat.promptTokens())
                .isEqualTo(TinyBpeTokenizer.encode(rendered).size());
    }

    @Test
    void chatWithAModelWithoutChatTemplateFailsNamingTheFix() {
        JlamaCall call = JlamaCall.chat(base, List.of(Message.user("Hi")), 0.0, 4, null, List.of());

        assertThatThrownBy(() -> engine.generate(call))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no chat template")
                .hasMessageContaining("use api 'completions'");
    }

    @Test
    void stopStringCutsTheTextBeforeItsFirstOccurrence() {
        JlamaCall free = JlamaCall.completion(base, "The sun", 0.0, 24, null, List.of());
        JlamaCompletion uncut = engine.generate(free);
        String stop = uncut.text().substring(6, 8);
        String expected = uncut.text().substring(0, uncut.text().indexOf(stop));

        JlamaCompletion cut =
                engine.generate(JlamaCall.completion(base, "The sun", 0.0, 24, null, List.of("never-occurs", stop)));

        assertThat(cut.text()).isEqualTo(expected);
        assertThat(cut.finishReason()).isEqualTo(JlamaCompletion.STOP);
        assertThat(cut.completionTokens()).isLessThan(uncut.completionTokens());
    }

    @Test
    void endOfSequenceTokenFromGenerationConfigEndsTheSample() throws IOException {
        // Every ordinary token ends the sequence, so the first sampled token does.
        List<Integer> everyToken =
                IntStream.range(3, TinyLlamaModel.VOCAB).boxed().toList();
        String model = TinyLlamaModel.base()
                .withGenerationEos(everyToken)
                .writeTo(tmp, "tiny-eos")
                .toString();

        JlamaCompletion c = engine.generate(JlamaCall.completion(model, "The", 0.7, 10, 1L, List.of()));

        assertThat(c.finishReason()).isEqualTo(JlamaCompletion.STOP);
        assertThat(c.text()).isEmpty();
        assertThat(c.completionTokens()).isEqualTo(1);
    }

    @Test
    void maxTokensPastTheContextLengthStopsAtTheContextWithLength() {
        JlamaCompletion c = engine.generate(
                JlamaCall.completion(base, "The cat", 0.0, TinyLlamaModel.CONTEXT + 100, null, List.of()));

        // jlama 0.8.4 cannot use the last 2 (kv heads - 1) positions of the context (see LoadedModel#usableContext).
        int usable = TinyLlamaModel.CONTEXT - 2 * (TinyLlamaModel.KV_HEADS - 1);
        assertThat(c.finishReason()).isEqualTo(JlamaCompletion.LENGTH);
        assertThat(c.promptTokens() + c.completionTokens()).isEqualTo(usable);
    }

    @Test
    void promptLongerThanTheContextFailsNamingBothLengths() {
        String longPrompt = "The cat sat on the mat. ".repeat(200);

        assertThatThrownBy(() -> engine.generate(JlamaCall.completion(base, longPrompt, 0.0, 4, null, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads at most " + (TinyLlamaModel.CONTEXT - 2 * (TinyLlamaModel.KV_HEADS - 1)));
    }

    @Test
    void emptyCompletionsPromptStartsFromTheBosToken() {
        // The instruct fixture, because the base one's BOS is its EOS, whose embedding row the fixture zeroes.
        JlamaCompletion c = engine.generate(JlamaCall.completion(instruct, "", 0.0, 3, null, List.of()));

        assertThat(c.promptTokens()).isEqualTo(1);
        assertThat(c.completionTokens()).isEqualTo(3);
    }

    @Test
    void engineLoadsAModelOnceAndReusesIt() {
        AtomicInteger loads = new AtomicInteger();
        try (JlamaEngine counting = new JlamaEngine(new JlamaModels(offlineSettings(tmp.resolve("cache"))), folder -> {
            loads.incrementAndGet();
            return LoadedModel.load(folder);
        })) {
            counting.generate(JlamaCall.completion(base, "The", 0.0, 2, null, List.of()));
            counting.generate(JlamaCall.completion(base, "A", 0.5, 2, 1L, List.of()));

            assertThat(loads).hasValue(1);
            assertThat(counting.loadedModels()).containsExactly(base);
        }
    }

    @Test
    void concurrentCallsGiveTheSameTextsAsOneAtATime() throws Exception {
        List<JlamaCall> calls = IntStream.range(0, 4)
                .mapToObj(i -> i % 2 == 0
                        ? JlamaCall.completion(base, "The sea", 1.0, 6, (long) i, List.of())
                        : JlamaCall.chat(instruct, List.of(Message.user("The sea")), 1.0, 6, (long) i, List.of()))
                .toList();
        List<String> oneAtATime =
                calls.stream().map(c -> engine.generate(c).text()).toList();

        List<String> concurrent;
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            List<Future<String>> futures = new ArrayList<>();
            for (JlamaCall c : calls) {
                futures.add(pool.submit(() -> engine.generate(c).text()));
            }
            concurrent = new ArrayList<>();
            for (Future<String> f : futures) {
                concurrent.add(f.get());
            }
        }

        assertThat(concurrent).isEqualTo(oneAtATime);
    }

    @Test
    void closedEngineRefusesCalls() {
        JlamaEngine closing = new JlamaEngine(new JlamaModels(offlineSettings(tmp.resolve("cache"))));
        closing.generate(JlamaCall.completion(base, "The", 0.0, 1, null, List.of()));
        closing.close();

        assertThatThrownBy(() -> closing.generate(JlamaCall.completion(base, "The", 0.0, 1, null, List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void unknownModelWithEmptyCacheOfflineFailsNamingTheCachePath() {
        Path cache = tmp.resolve("empty-cache");
        try (JlamaEngine offline = new JlamaEngine(new JlamaModels(offlineSettings(cache)))) {
            JlamaCall call = JlamaCall.completion("nobody/no-such-model", "The", 0.0, 1, null, List.of());

            assertThatThrownBy(() -> offline.generate(call))
                    .isInstanceOf(JlamaModelUnavailableException.class)
                    .hasMessageContaining(cache.resolve("nobody_no-such-model").toString());
            assertThat(offline.loadedModels()).isEmpty();
        }
    }
}
