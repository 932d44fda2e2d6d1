package dev.overton.generator.runs.rest;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.overton.generator.testing.RunPosts;

/**
 * {@code POST /runs} reads the body strictly (issue #13): a NUL in a name, invalid UTF-8, text after the object and
 * duplicate keys are each a 400 problem body naming the field or position, not a 500 or a silent repair.
 */
@QuarkusTest
class RunSpecStrictnessTest {

    private static final String SPEC = "{\"name\":%s,\"dataset\":{\"prompts\":[\"Hi?\"]},\"reference\":\"chat\","
            + "\"variants\":[{\"name\":\"chat\",\"backend\":\"openai\",\"endpoint\":\"http://127.0.0.1:9/v1\","
            + "\"model\":\"m\",\"samples\":2%s}]}";

    private static byte[] spec(String name, String variantExtra) {
        return String.format(SPEC, name, variantExtra).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nulInTheRunNameIsA400NamingTheFieldAndCodePoint() {
        RunPosts.post(spec("\"bad\\u0000name\"", ""))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body(
                        "errors.find { it.field == 'name' }.message",
                        allOf(containsString("U+0000"), containsString("character 4"), not(containsString("\u0000"))));
    }

    @Test
    void invalidUtf8IsA400NamingTheByteOffset() {
        byte[] body = spec("\"caf\u00e9\"", "");
        int offset = "{\"name\":\"caf".length();
        body[offset + 1] = (byte) 0x41; // é is C3 A9; C3 41 is not UTF-8

        RunPosts.post(body)
                .statusCode(400)
                .body("errors.field", hasItem("(body)"))
                .body("errors[0].message", containsString("byte offset " + offset));
    }

    @Test
    void textAfterTheObjectIsA400() {
        byte[] body = (new String(spec("\"r\"", ""), StandardCharsets.UTF_8) + " }}}").getBytes(StandardCharsets.UTF_8);

        RunPosts.post(body).statusCode(400).body("errors[0].message", containsString("nothing after it"));
    }

    @Test
    void duplicateKeysAreA400NamingTheField() {
        RunPosts.post(spec("\"r\"", ",\"samples\":3"))
                .statusCode(400)
                .body("errors.field", hasItem("variants[0].samples"))
                .body("errors[0].message", containsString("Duplicate field 'samples'"));
    }

    @Test
    void unknownFieldIsA400NamingTheNearestKnownOne() {
        RunPosts.post(spec("\"r\"", ",\"sampels\":3"))
                .statusCode(400)
                .body(
                        "errors.find { it.field == 'variants[0].sampels' }.message",
                        containsString("did you mean 'samples'?"));
    }
}
