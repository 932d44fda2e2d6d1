package dev.overton.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void ordinaryTextIsStorable() {
        assertThat(StorableText.problem("{\"a\":\"caf\u00e9 \\\"q\\\" \\n \ud83d\ude00\",\"b\":[1,\"x\"]}"))
                .isEmpty();
        assertThat(StorableText.problem("{\"a\":\"tab\\t and pair \\ud83d\\ude00\"}"))
                .isEmpty();
    }

    @Test
    void nulEscapeIsFoundAndTheFieldNamed() {
        assertThat(StorableText.problem("{\"samples\":[{\"text\":\"ok\"},{\"text\":\"a\\u0000b\"}]}"))
                .hasValue("samples[1].text carries U+0000 (NUL) at character 1, which PostgreSQL text cannot store");
    }

    @Test
    void escapedBackslashFollowedByU0000IsOrdinaryText() {
        assertThat(StorableText.problem("{\"a\":\"C:\\\\u0000\"}")).isEmpty();
    }

    @Test
    void nulInAFieldNameIsFound() {
        assertThat(StorableText.problem("{\"params\":{\"k\\u0000\":1}}"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("a field name under params carries U+0000"));
    }

    @Test
    void unpairedSurrogatesAreFound() {
        assertThat(StorableText.problem("{\"a\":\"x\\ud800y\"}"))
                .hasValueSatisfying(p -> assertThat(p).contains("a carries an unpaired surrogate at character 1"));
        assertThat(StorableText.problem("{\"a\":\"\\udc00\"}"))
                .hasValueSatisfying(p -> assertThat(p).contains("unpaired surrogate at character 0"));
    }

    @Test
    void textThatIsNotJsonIsLeftToTheParser() {
        assertThat(StorableText.problem("{oops \\u0000")).isEmpty();
    }
}
