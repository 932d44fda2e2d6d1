package dev.overton.generator.runs;

import static dev.overton.generator.runs.RefusedSpecs.errorsOf;
import static dev.overton.generator.runs.SpecBodies.replaySpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.spec.FieldError;

/**
 * The run spec validator reading the request body: unknown fields, duplicate keys, trailing text, invalid UTF-8 and
 * control characters refused with their field and position, without echoing what was sent.
 */
class RunSpecValidatorJsonReadingTest {

    @TempDir
    Path dir;

    @Test
    void unknownFieldsAreRefusedNamingTheNearestKnownOne() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");

        assertThat(errorsOf(dir, replaySpec("\"r\"", ",\"sampels\":3", ",\"judgee\":null")))
                .extracting(FieldError::field, FieldError::message)
                .containsExactlyInAnyOrder(
                        tuple("variants[0].sampels", "unknown field 'sampels' at variants[0]; did you mean 'samples'?"),
                        tuple("judgee", "unknown field 'judgee'; did you mean 'judge'?"));
    }

    @Test
    void duplicateKeysTrailingTextAndInvalidUtf8AreRefusedWithTheirPosition() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");

        assertThat(errorsOf(dir, replaySpec("\"r\"", ",\"samples\":3,\"samples\":4", "")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("variants[0].samples");
                    assertThat(e.message()).contains("Duplicate field 'samples'", "line 1, column");
                });
        assertThat(errorsOf(dir, replaySpec("\"r\"", "", "") + " }}}"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is not valid JSON", "column"));
        byte[] utf8 = replaySpec("\"r\u00e9\"", "", "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int offset = "{\"name\":\"r".length();
        byte[] broken = utf8.clone();
        broken[offset] = (byte) 0xC3;
        broken[offset + 1] = (byte) 0x28; // 0xC3 must be followed by a continuation byte
        assertThat(errorsOf(dir, broken)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("(body)");
            assertThat(e.message()).contains("not valid UTF-8", "byte offset " + offset);
        });
        assertThat(new RunSpecValidator(dir).validate(utf8).spec().name()).isEqualTo("r\u00e9");
    }

    @Test
    void controlCharactersAreRefusedByFieldAndPositionWithoutEchoingThem() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");
        String spec = "{\"name\":\"run\\u0000x\",\"dataset\":{\"prompts\":[\"ok\\tfine\\nhere\","
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"bad\\u001b[31m\"}]},\"nul\\u0000\","
                + "\"c1\\u0085\"]},\"reference\":\"a\",\"variants\":[{\"name\":\"a\",\"backend\":\"replay\","
                + "\"source\":\"one.jsonl\",\"params\":{\"stop\":[\"\\n\",\"x\\u0007\"]}}]}";

        List<FieldError> errors = errorsOf(dir, spec);

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "name",
                        "dataset.prompts[1].messages[0].content",
                        "dataset.prompts[2]",
                        "dataset.prompts[3]",
                        "variants[0].params.stop[1]");
        assertThat(errors)
                .filteredOn(e -> e.field().equals("name"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("U+0000", "character 4"));
        assertThat(errors)
                .filteredOn(e -> e.field().equals("dataset.prompts[1].messages[0].content"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("U+001B", "character 4"));
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain("\u0000", "\u001b", "\u0007"));
    }

    @Test
    void namesMayHoldNoLineBreaksButTextMay() throws IOException {
        Files.writeString(dir.resolve("one.jsonl"), "{}\n");

        assertThat(errorsOf(dir, replaySpec("\"two\\nlines\"", "", "")))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("U+000A"));
        assertThat(new RunSpecValidator(dir)
                        .validate(replaySpec("\"r\"", "", "").replace("\"a?\"", "\"line 1\\r\\nline\\t2\""))
                        .prompts()
                        .get(0)
                        .userText())
                .isEqualTo("line 1\r\nline\t2");
    }
}
