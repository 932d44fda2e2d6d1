package dev.overton.support.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void plainNamesAreOnlyQuoted() {
        assertThat(LogSafe.quote("llama-3 base")).isEqualTo("\"llama-3 base\"");
        assertThat(LogSafe.quote("naïve 日本")).isEqualTo("\"naïve 日本\"");
    }

    @Test
    void lineBreaksCannotForgeALogLine() {
        String forged = "r\n12:00:00.000 INFO  [de.ov.ge.ru.re.RunResource] run x accepted\r";
        String quoted = LogSafe.quote(forged);
        assertThat(quoted).doesNotContain("\n").doesNotContain("\r");
        assertThat(quoted).isEqualTo("\"r\\n12:00:00.000 INFO  [de.ov.ge.ru.re.RunResource] run x accepted\\r\"");
    }

    @Test
    void ansiEscapesAndOtherControlCharactersAreEscaped() {
        assertThat(LogSafe.quote("a\u001b[2Jb\u0000c\u007fd\u0085e\tf"))
                .isEqualTo("\"a\\u001b[2Jb\\u0000c\\u007fd\\u0085e\\tf\"");
        assertThat(LogSafe.quote("x\u2028y\u202ez")).isEqualTo("\"x\\u2028y\\u202ez\"");
    }

    @Test
    void quotesAndBackslashesAreEscapedSoTheQuotedValueCannotEndEarly() {
        assertThat(LogSafe.quote("a\" level=ERROR \\")).isEqualTo("\"a\\\" level=ERROR \\\\\"");
    }

    @Test
    void longValuesAreCutAndCounted() {
        String quoted = LogSafe.quote("a".repeat(1_000_000));
        assertThat(quoted).isEqualTo("\"" + "a".repeat(LogSafe.MAX_LENGTH) + "\"...(+999800 chars)");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String value = "a".repeat(LogSafe.MAX_LENGTH - 1) + "😀" + "b";
        assertThat(LogSafe.quote(value)).isEqualTo("\"" + "a".repeat(LogSafe.MAX_LENGTH - 1) + "\"...(+3 chars)");
    }

    @Test
    void nullIsWrittenUnquoted() {
        assertThat(LogSafe.quote((String) null)).isEqualTo("null");
        assertThat(LogSafe.quote((Object) null)).isEqualTo("null");
        assertThat(LogSafe.quote(new IllegalStateException("bad\nline")))
                .isEqualTo("\"java.lang.IllegalStateException: bad\\nline\"");
    }
}
