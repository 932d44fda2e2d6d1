package dev.overton.generator.runs;

import static dev.overton.generator.runs.RefusedSpecs.errorsOf;
import static dev.overton.generator.runs.SpecBodies.openAiSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.ScorerCapabilities;
import dev.overton.contracts.spec.FieldError;
import dev.overton.contracts.spec.MeasureGroup;

/**
 * The run spec validator on a run's icl, judge and measures entries: each field checked by name, the defaults of a
 * valid entry, the backends and replay sources a judge may use, and measure groups checked against what the scorers
 * have said they compute.
 */
class RunSpecValidatorIclJudgeAndMeasuresTest {

    @TempDir
    Path dir;

    @Test
    void iclEntriesAreValidatedByField() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        String variants = "[{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"one.jsonl\"},"
                + "{\"name\":\"chat\",\"backend\":\"replay\",\"source\":\"one.jsonl\"}]";
        String icl = "[{\"name\":\"chat\",\"base\":\"nope\",\"examples\":\"closest\",\"k\":99,"
                + "\"hint\":\"maybe\",\"options\":{\"context_window\":100,\"max_new_tokens\":200}}]";

        assertThatThrownBy(() -> new RunSpecValidator(dir)
                        .validate("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"chat\","
                                + "\"variants\":" + variants + ",\"icl\":" + icl + "}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "icl[0].name",
                                        "icl[0].base",
                                        "icl[0].examples",
                                        "icl[0].k",
                                        "icl[0].hint",
                                        "icl[0].options.max_new_tokens"));
    }

    @Test
    void validIclEntryIsKeptWithDefaults() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        AcceptedRun run = new RunSpecValidator(dir)
                .validate("{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"chat\","
                        + "\"variants\":[{\"name\":\"base\",\"backend\":\"replay\",\"source\":\"one.jsonl\"},"
                        + "{\"name\":\"chat\",\"backend\":\"replay\",\"source\":\"one.jsonl\"}],"
                        + "\"icl\":[{\"name\":\"base-icl\",\"base\":\"base\"}]}");

        assertThat(run.spec().icl()).singleElement().satisfies(v -> {
            assertThat(v.examples()).isEqualTo("knn-prompt");
            assertThat(v.k()).isEqualTo(3);
            assertThat(v.hint()).isEqualTo("none");
        });
    }

    private static String judgeSpec(String judge) {
        return "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"a\","
                + "\"variants\":[{\"name\":\"a\",\"backend\":\"openai\",\"endpoint\":\"http://h/v1\","
                + "\"model\":\"m\"}],\"judge\":" + judge + "}";
    }

    @Test
    void runWithoutJudgeHasNone() {
        assertThat(new RunSpecValidator(dir)
                        .validate(openAiSpec(",\"endpoint\":\"http://h/v1\",\"model\":\"m\""))
                        .spec()
                        .judge())
                .isNull();
    }

    @Test
    void openAiJudgeIsParsedIntoTheSpecWithApiDefaultingToChat() {
        AcceptedRun run = new RunSpecValidator(dir)
                .validate(judgeSpec("{\"backend\":\"openai\",\"endpoint\":\"http://judge:8000/v1\","
                        + "\"model\":\"judge-model\",\"params\":{\"temperature\":0,\"max_tokens\":256},"
                        + "\"judgements\":[\"quality\",\"stance\"],\"samples\":2}"));

        assertThat(run.spec().judge()).satisfies(j -> {
            assertThat(j.backend()).isEqualTo("openai");
            assertThat(j.endpoint()).isEqualTo("http://judge:8000/v1");
            assertThat(j.api()).isEqualTo("chat");
            assertThat(j.model()).isEqualTo("judge-model");
            assertThat(j.params()).containsEntry("temperature", 0).containsEntry("max_tokens", 256);
            assertThat(j.judgements()).containsExactly("quality", "stance");
            assertThat(j.samples()).isEqualTo(2);
            assertThat(j.sources()).isEmpty();
        });
    }

    @Test
    void judgeFieldsAreRefusedByName() {
        assertThat(errorsOf(
                        dir,
                        judgeSpec("{\"backend\":\"gpt\",\"api\":\"xml\",\"params\":{\"temperature\":2.5},"
                                + "\"judgements\":[\"quality\",\"vibes\",\"quality\"],\"samples\":-1}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "judge.backend",
                        "judge.api",
                        "judge.params.temperature",
                        "judge.judgements[1]",
                        "judge.judgements[2]",
                        "judge.samples");
        assertThat(errorsOf(dir, judgeSpec("{\"backend\":\"gpt\",\"judgements\":[\"quality\"]}")))
                .singleElement()
                .satisfies(e -> assertThat(e.message())
                        .isEqualTo("'gpt' is not available in this generator; use one of [jlama, openai, replay]"));
        assertThat(errorsOf(dir, judgeSpec("{\"backend\":\"replay\",\"judgements\":[]}")))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple(
                        "judge.judgements", "must be a non-empty list from [missing-info, quality, stance, topics]"));
        assertThat(errorsOf(dir, judgeSpec("\"quality\"")))
                .extracting(FieldError::field)
                .containsExactly("judge");
    }

    @Test
    void openAiJudgeNeedsEndpointAndModel() {
        assertThat(errorsOf(dir, judgeSpec("{\"backend\":\"openai\",\"judgements\":[\"topics\"]}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("judge.endpoint", "judge.model");
        assertThat(errorsOf(
                        dir,
                        judgeSpec("{\"backend\":\"openai\",\"endpoint\":\"http://h/v1/chat/completions\","
                                + "\"model\":\"m\",\"params\":{\"n\":3},\"judgements\":[\"topics\"]}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("judge.endpoint", "judge.params.n");
    }

    @Test
    void judgeTemperatureMayGoUpToTwo() {
        AcceptedRun run = new RunSpecValidator(dir)
                .validate(judgeSpec("{\"backend\":\"openai\",\"endpoint\":\"http://h/v1\",\"model\":\"m\","
                        + "\"params\":{\"temperature\":2},\"judgements\":[\"missing-info\"]}"));

        assertThat(run.spec().judge().params()).containsEntry("temperature", 2);
        assertThat(run.spec().judge().samples()).as("0 = every sample").isZero();
    }

    @Test
    void judgeMayUseAnyLiveBackendTheGeneratorOffers() {
        String jlama = judgeSpec("{\"backend\":\"jlama\",\"model\":\"tjake/Llama-3.2-1B-Instruct-JQ4\","
                + "\"judgements\":[\"quality\"]}");

        assertThat(new RunSpecValidator(dir, List.of(), Set.of("openai", "replay", "jlama"))
                        .validate(jlama)
                        .spec()
                        .judge()
                        .backend())
                .isEqualTo("jlama");
        assertThatThrownBy(() -> new RunSpecValidator(dir, List.of(), Set.of("openai", "replay")).validate(jlama))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("judge.backend"));
    }

    @Test
    void replayJudgeSourcesMayNameTheJudgedVariant() throws IOException {
        Files.writeString(dir.resolve("missing-base.jsonl"), "{}\n");
        Files.writeString(dir.resolve("missing-icl.jsonl"), "{}\n");

        AcceptedRun run = new RunSpecValidator(dir)
                .validate(judgeSpec("{\"backend\":\"replay\",\"judgements\":[\"missing-info\"],"
                        + "\"sources\":{\"missing-info:base\":\"missing-base.jsonl\","
                        + "\"missing-info:icl\":\"missing-icl.jsonl\"}}"));
        assertThat(run.spec().judge().sources()).containsOnlyKeys("missing-info:base", "missing-info:icl");

        assertThat(errorsOf(
                        dir,
                        judgeSpec("{\"backend\":\"replay\",\"judgements\":[\"missing-info\"],"
                                + "\"sources\":{\"missing-info:\":\"missing-base.jsonl\"}}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("judge.sources.missing-info:", "judge.sources.missing-info");
    }

    @Test
    void replayJudgeNeedsAReadableSourceInsideTheAllowedFoldersForEveryJudgement(@TempDir Path outside)
            throws IOException {
        Files.writeString(dir.resolve("quality.jsonl"), "{}\n");
        Files.writeString(outside.resolve("stance.jsonl"), "{}\n");

        List<FieldError> errors = errorsOf(
                dir,
                judgeSpec("{\"backend\":\"replay\","
                        + "\"judgements\":[\"quality\",\"stance\",\"topics\",\"missing-info\"],"
                        + "\"sources\":{\"quality\":\"quality.jsonl\",\"stance\":\"" + outside.resolve("stance.jsonl")
                        + "\",\"topics\":\"nowhere.jsonl\",\"vibes\":\"quality.jsonl\"}}"));

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "judge.sources.stance",
                        "judge.sources.topics",
                        "judge.sources.missing-info",
                        "judge.sources.vibes");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("judge.sources.stance");
            assertThat(e.message()).contains("outside the folders");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("judge.sources.topics");
            assertThat(e.message()).contains("no readable file");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("judge.sources.missing-info");
            assertThat(e.message()).contains("required for the replay backend");
        });

        AcceptedRun run = new RunSpecValidator(dir)
                .validate(judgeSpec("{\"backend\":\"replay\",\"judgements\":[\"quality\"],"
                        + "\"sources\":{\"quality\":\"quality.jsonl\"}}"));
        assertThat(run.spec().judge().sources()).containsEntry("quality", "quality.jsonl");
    }

    @Test
    void badSummarizerIsRefusedAtSubmissionWithIclServicesFieldAndMessage() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        String spec = "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"a?\"]},\"reference\":\"chat\","
                + "\"variants\":[{\"name\":\"base\",\"backend\":\"openai\",\"endpoint\":\"http://h/v1\","
                + "\"model\":\"m\",\"api\":\"completions\"},"
                + "{\"name\":\"chat\",\"backend\":\"replay\",\"source\":\"one.jsonl\"}],"
                + "\"icl\":[{\"name\":\"icl\",\"base\":\"base\",\"examples\":\"fixed\",\"hint\":\"summary\","
                + "\"options\":{\"summarizer\":\"chat\"}}]}";

        assertThat(errorsOf(dir, spec)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("icl[0].options.summarizer");
            assertThat(e.message()).startsWith("variant 'chat' replays released outputs");
        });
    }

    private static final String INLINE_RUN = "{\"name\":\"r\",\"dataset\":{\"prompts\":[\"q\"]},\"reference\":\"a\","
            + "\"variants\":[{\"name\":\"a\",\"backend\":\"openai\",\"endpoint\":\"http://127.0.0.1:9/v1\","
            + "\"model\":\"m\"}]";

    @Test
    void measuresAreOptionalAndKeptAsGiven() {
        AcceptedRun all = new RunSpecValidator(dir).validate(INLINE_RUN + "}");
        AcceptedRun lexical = new RunSpecValidator(dir).validate(INLINE_RUN + ",\"measures\":[\"lexical\"]}");

        assertThat(all.spec().measures()).isNull();
        assertThat(all.spec().measureGroups()).containsExactlyInAnyOrder(MeasureGroup.values());
        assertThat(lexical.spec().measures()).containsExactly("lexical");
    }

    @Test
    void unknownMeasureGroupIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new RunSpecValidator(dir).validate(INLINE_RUN + ",\"measures\":[\"lexcial\"]}"))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field, FieldError::message)
                                .containsExactly(tuple(
                                        "measures[0]",
                                        "'lexcial' is not a measure group; use one of [lexical, diversity,"
                                                + " embedding, bertscore, coverage]")));
    }

    @Test
    void measureGroupNoScorerOffersIsRefusedOnceTheScorersHaveSaid() {
        ScorerOffers offers = new ScorerOffers();
        RunSpecValidator validator = new RunSpecValidator(dir).checkingMeasuresAgainst(offers);
        String asksForBertScore = INLINE_RUN + ",\"measures\":[\"lexical\",\"bertscore\"]}";

        // Before any scorer has said what it computes, nothing is refused for that reason.
        assertThat(validator.validate(asksForBertScore).spec().measures()).containsExactly("lexical", "bertscore");

        offers.update(new ScorerCapabilities(
                1,
                "scorer-service",
                List.of("lexical", "diversity"),
                Map.of("bertscore", "overton.semantic.enabled=true"),
                Instant.now()));

        assertThatThrownBy(() -> validator.validate(asksForBertScore))
                .isInstanceOfSatisfying(
                        InvalidRunSpecException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                            assertThat(err.field()).isEqualTo("measures[1]");
                            assertThat(err.message())
                                    .contains("switched off in the scorer's configuration")
                                    .contains("overton.semantic.enabled=true");
                        }));
        // A run naming no groups gets what the scorers compute, as before runs chose.
        assertThat(validator.validate(INLINE_RUN + "}").spec().measures()).isNull();
    }
}
