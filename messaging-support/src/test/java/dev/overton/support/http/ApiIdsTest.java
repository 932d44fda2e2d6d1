package dev.overton.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ApiIdsTest {

    @Test
    void runIdsAndPromptIdsPass() {
        assertThat(ApiIds.problem(UUID.randomUUID().toString())).isEmpty();
        assertThat(ApiIds.problem("lima-oe:0007")).isEmpty();
        assertThat(ApiIds.problem("p1.v2_x")).isEmpty();
        assertThat(ApiIds.problem("a".repeat(128))).isEmpty();
    }

    @Test
    void hostileIdsAreRefusedWithoutEchoingThem() {
        for (String id : new String[] {
            "",
            "\u0000",
            "run\u0000",
            "..",
            "a..b",
            "../etc",
            "..%2F",
            "a/b",
            "a\nb",
            "\u001b[2J",
            ".hidden",
            "-x",
            "a b"
        }) {
            assertThat(ApiIds.problem(id))
                    .as(id)
                    .hasValueSatisfying(m -> assertThat(m)
                            .contains("letters, digits")
                            .doesNotContain("\u0000")
                            .doesNotContain("\n"));
        }
    }

    @Test
    void tenThousandCharactersAreRefusedWithTheirLength() {
        assertThat(ApiIds.problem("a".repeat(10_000)))
                .hasValueSatisfying(m -> assertThat(m).startsWith("is 10000 characters long"));
    }

    @Test
    void problemTypesShareOneScheme() {
        assertThat(Problem.forStatus(405, "x").type()).isEqualTo("https://overton.dev/problems/method-not-allowed");
        assertThat(Problem.forStatus(413, "x").type()).isEqualTo("https://overton.dev/problems/body-too-large");
        assertThat(Problem.forStatus(415, "x").type()).isEqualTo("https://overton.dev/problems/unsupported-media-type");
        assertThat(Problem.notFound("x").type()).isEqualTo("https://overton.dev/problems/not-found");
        Problem invalid = Problem.invalidParameter("id", "must be short");
        assertThat(invalid.type()).isEqualTo("https://overton.dev/problems/invalid-parameter");
        assertThat(invalid.errors()).containsExactly(new Problem.FieldError("id", "must be short"));
    }
}
