package dev.overton.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class SpecJsonTest {

    private static JsonNode tree(String json) {
        return SpecJson.read(json).tree();
    }

    @Test
    void wholeNumbersAreCheckedExactlyNotWrapped() {
        assertThat(SpecJson.wholeIn(tree("4294967297"), 1, 100)).isNull();
        assertThat(SpecJson.wholeIn(tree("18446744073709551617"), 1, 100)).isNull();
        assertThat(SpecJson.wholeIn(tree("-9223372036854775809"), Long.MIN_VALUE, Long.MAX_VALUE))
                .isNull();
        assertThat(SpecJson.wholeIn(tree("9223372036854775807"), Long.MIN_VALUE, Long.MAX_VALUE))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(SpecJson.wholeIn(tree("5"), 1, 100)).isEqualTo(5L);
        assertThat(SpecJson.wholeIn(tree("5.0"), 1, 100))
                .as("not an integral JSON number")
                .isNull();
        assertThat(SpecJson.wholeIn(tree("\"5\""), 1, 100)).isNull();
    }

    @Test
    void numbersMustBeFiniteAndInRange() {
        assertThat(SpecJson.numberIn(tree("0.5"), 0, 2)).isEqualTo(0.5);
        assertThat(SpecJson.numberIn(tree("1e999"), 0, Double.POSITIVE_INFINITY))
                .isNull();
        assertThat(SpecJson.numberIn(tree("2.0000000001"), 0, 2)).isNull();
        assertThat(SpecJson.numberIn(tree("-0.1"), 0, 2)).isNull();
        assertThat(SpecJson.numberIn(tree("1"), 0, 2)).isEqualTo(1.0);
        // Beyond a long with an unbounded upper end: threw NumberFormatException (a 500 at POST /runs) before; found
        // by the hostile-input suite.
        assertThat(SpecJson.numberIn(tree("9223372036854775808"), 0, Double.POSITIVE_INFINITY))
                .isEqualTo(9.223372036854775808e18);
        assertThat(SpecJson.numberIn(tree("-9223372036854775809"), 0, Double.POSITIVE_INFINITY))
                .isNull();
    }

    @Test
    void readRefusesDuplicateKeysTrailingTextAndInvalidUtf8() {
        assertThat(SpecJson.read("{\"a\":{\"b\":1,\"b\":2}}").problem())
                .satisfies(p -> assertThat(p.field()).isEqualTo("a.b"))
                .satisfies(p -> assertThat(p.message()).contains("Duplicate field 'b'"));
        assertThat(SpecJson.read("{\"a\":1} }}}").problem()).isNotNull();
        assertThat(SpecJson.read("{\"a\":[1,{\"b\":2,\"b\":3}]}").problem().field())
                .isEqualTo("a[1].b");
        byte[] bad = "{\"a\":\"xx\"}".getBytes(StandardCharsets.UTF_8);
        bad[6] = (byte) 0xFF;
        assertThat(SpecJson.read(bad).problem().message()).contains("byte offset 6");
        assertThat(SpecJson.read("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8))
                        .tree()
                        .get("a")
                        .asText())
                .isEqualTo("é");
    }

    @Test
    void unknownFieldsNameTheNearestKnownOneOrListTheKnownOnes() {
        List<FieldError> errors = new ArrayList<>();

        SpecJson.refuseUnknownFields(
                tree("{\"sampels\":1,\"backedn\":\"x\",\"colour\":1,\"bad\\u0000key\":1}"),
                "variants[0]",
                Set.of("samples", "backend", "name"),
                errors);

        assertThat(errors)
                .extracting(FieldError::message)
                .containsExactly(
                        "unknown field 'sampels' at variants[0]; did you mean 'samples'?",
                        "unknown field 'backedn' at variants[0]; did you mean 'backend'?",
                        "unknown field 'colour' at variants[0]; known fields are [backend, name, samples]",
                        "unknown field (a name with control characters or over 64 characters) at variants[0]; known"
                                + " fields are [backend, name, samples]");
        assertThat(errors.get(3).field()).isEqualTo("variants[0].(unknown)");
    }

    @Test
    void aDuplicateKeyWithControlCharactersIsNotEchoed() {
        FieldError problem = SpecJson.read("{\"a\\u0000\":1,\"a\\u0000\":2}").problem();

        assertThat(problem.field()).isEqualTo("(body)");
        assertThat(problem.message()).doesNotContain("\u0000");
    }
}
