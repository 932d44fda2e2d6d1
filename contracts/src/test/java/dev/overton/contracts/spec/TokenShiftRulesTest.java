package dev.overton.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.IclVariantSpec;
import dev.overton.contracts.TokenShiftSpec;
import dev.overton.contracts.VariantSpec;

class TokenShiftRulesTest {

    private static final List<VariantSpec> VARIANTS = List.of(
            new VariantSpec("base", "openai", "m", null, "http://x/v1", "completions", 5, Map.of()),
            new VariantSpec("other-base", "openai", "m2", null, "http://x/v1", "completions", 5, Map.of()),
            new VariantSpec("chat", "openai", "c", null, "http://x/v1", "chat", 3, Map.of()));

    private static final List<IclVariantSpec> ICL = List.of(
            new IclVariantSpec("base-icl", "base", "knn-prompt", 3, "none", 0, Map.of()),
            new IclVariantSpec("other-icl", "other-base", "knn-prompt", 3, "none", 0, Map.of()));

    private static TokenShiftRules.Read read(String json, List<FieldError> errors) {
        JsonNode node = SpecJson.read(json).tree();
        return TokenShiftRules.read(node, VARIANTS, ICL, "chat", errors);
    }

    @Test
    void absentMeasureIsNoMeasure() {
        List<FieldError> errors = new ArrayList<>();

        assertThat(TokenShiftRules.read(null, VARIANTS, ICL, "chat", errors)).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void defaultsAreTheRunsReferenceOneSampleTopFiveAndThePlainContext() {
        List<FieldError> errors = new ArrayList<>();

        TokenShiftRules.Read read = read("{\"base\": \"base\"}", errors);

        assertThat(errors).isEmpty();
        assertThat(read.spec()).isEqualTo(new TokenShiftSpec("base", "chat", 1, 5, List.of("plain")));
        assertThat(read.baseVariant().name()).isEqualTo("base");
    }

    @Test
    void fullSpecIsKeptInTheOrderGiven() {
        List<FieldError> errors = new ArrayList<>();

        TokenShiftRules.Read read = read(
                "{\"base\": \"base\", \"reference\": \"chat\", \"samples\": 3, \"topK\": 20,"
                        + " \"contexts\": [\"base-icl\", \"plain\"]}",
                errors);

        assertThat(errors).isEmpty();
        assertThat(read.spec()).isEqualTo(new TokenShiftSpec("base", "chat", 3, 20, List.of("base-icl", "plain")));
    }

    @Test
    void unknownVariantsAreRefusedNamingTheField() {
        List<FieldError> errors = new ArrayList<>();

        read("{\"base\": \"nope\", \"reference\": \"gone\"}", errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("tokenShift.base", "tokenShift.reference");
        assertThat(errors.get(0).message()).contains("'nope'").contains("[base, other-base, chat]");
    }

    @Test
    void baseThatIsAlsoTheReferenceIsRefused() {
        List<FieldError> errors = new ArrayList<>();

        read("{\"base\": \"chat\"}", errors);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("tokenShift.base");
            assertThat(e.message()).contains("both base and reference");
        });
    }

    @Test
    void samplesAboveTheReferencesNAndTopKOutOfRangeAreRefused() {
        List<FieldError> errors = new ArrayList<>();

        read("{\"base\": \"base\", \"samples\": 4, \"topK\": 21}", errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("tokenShift.samples", "tokenShift.topK");
        assertThat(errors.get(0).message()).contains("from 1 to 3");
        assertThat(errors.get(1).message()).contains("from 1 to 20");

        errors.clear();
        read("{\"base\": \"base\", \"samples\": 0, \"topK\": 0}", errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("tokenShift.samples", "tokenShift.topK");

        errors.clear();
        read("{\"base\": \"base\", \"samples\": 1.5, \"topK\": \"5\"}", errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("tokenShift.samples", "tokenShift.topK");
    }

    @Test
    void contextsMustBePlainOrIclEntriesOnTheSameBaseEachOnce() {
        List<FieldError> errors = new ArrayList<>();

        read("{\"base\": \"base\", \"contexts\": [\"plain\", \"other-icl\", \"made-up\", \"plain\", 3]}", errors);

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly(
                        "tokenShift.contexts[1]",
                        "tokenShift.contexts[2]",
                        "tokenShift.contexts[3]",
                        "tokenShift.contexts[4]");
        assertThat(errors.get(0).message()).contains("prompts 'other-base'").contains("[plain, base-icl]");
        assertThat(errors.get(1).message()).contains("neither 'plain' nor an icl entry");
        assertThat(errors.get(2).message()).contains("repeats 'plain'");

        errors.clear();
        read("{\"base\": \"base\", \"contexts\": []}", errors);
        assertThat(errors).extracting(FieldError::field).containsExactly("tokenShift.contexts");
    }

    @Test
    void notAnObjectAndUnknownFieldsAreRefused() {
        List<FieldError> errors = new ArrayList<>();

        read("\"base\"", errors);
        read("{\"base\": \"base\", \"top_k\": 5}", errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("tokenShift", "tokenShift.top_k");
        assertThat(errors.get(1).message()).contains("did you mean 'topK'?");
    }

    @Test
    void tooManyContextsAreRefusedAtTheLimit() {
        List<FieldError> errors = new ArrayList<>();
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= SpecLimits.ICL_ENTRIES + 1; i++) {
            many.append(i == 0 ? "" : ",").append("\"c").append(i).append('"');
        }

        read("{\"base\": \"base\", \"contexts\": " + many + "]}", errors);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("tokenShift.contexts");
            assertThat(e.message()).contains("the limit is " + (SpecLimits.ICL_ENTRIES + 1));
        });
    }

    @Test
    void hostileValuesAreRefusedNamingTheFieldWithoutEchoingThemWhole() {
        List<FieldError> errors = new ArrayList<>();
        String huge = "x".repeat(10_000);

        read("{\"base\": \"ba\\u0000se\", \"samples\": 4294967297, \"topK\": 4294967297}", errors);
        read("{\"base\": \"base\", \"contexts\": [\"" + huge + "\"]}", errors);

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly("tokenShift.base", "tokenShift.samples", "tokenShift.topK", "tokenShift.contexts[0]");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).hasSizeLessThan(2_000));
    }
}
