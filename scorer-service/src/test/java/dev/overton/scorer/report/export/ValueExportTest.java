package dev.overton.scorer.report.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.scoring.persistence.ScoreStore.StoredValue;

class ValueExportTest {

    private static final List<StoredValue> VALUES = List.of(
            new StoredValue("0", "base", null, null, "jaccard_1", 0.0931, null, "tokenizer=x;n=1"),
            new StoredValue("0", "base", 2, "chat", "pair_jaccard_1", null, "neither text has content words", "ref=s0"),
            new StoredValue("p,1", "base", null, null, "odd", 1.0E-5, "say \"hi\"\nthere", " padded"));

    @Test
    void csvHasTheHeaderAndOneRowPerValueQuotedWhereNeeded() {
        String csv = ValueExport.csv(VALUES);

        assertThat(csv.split("\r\n", -1))
                .containsExactly(
                        "promptId,variant,sample,reference,metric,value,reason,settings",
                        "0,base,,,jaccard_1,0.0931,,tokenizer=x;n=1",
                        "0,base,2,chat,pair_jaccard_1,,neither text has content words,ref=s0",
                        "\"p,1\",base,,,odd,1.0E-5,\"say \"\"hi\"\"\nthere\",\" padded\"",
                        "");
    }

    @Test
    void jsonLinesCarryAllEightKeysWithNullsWhereCsvIsEmpty() throws Exception {
        String[] lines = ValueExport.jsonLines(VALUES).split("\n");

        assertThat(lines).hasSize(3);
        JsonNode second = EventJson.mapper().readTree(lines[1]);
        assertThat(second.get("sample").asInt()).isEqualTo(2);
        assertThat(second.get("reference").asText()).isEqualTo("chat");
        assertThat(second.get("value").isNull()).isTrue();
        assertThat(second.get("reason").asText()).isEqualTo("neither text has content words");
        JsonNode first = EventJson.mapper().readTree(lines[0]);
        assertThat(first.get("sample").isNull()).isTrue();
        assertThat(first.get("value").asDouble()).isEqualTo(0.0931);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly("promptId", "variant", "sample", "reference", "metric", "value", "reason", "settings");
    }

    @Test
    void formatsAreChosenCaseInsensitivelyAndUnknownOnesAreRefused() {
        assertThat(ExportFormat.of("CSV")).contains(ExportFormat.CSV);
        assertThat(ExportFormat.of("jsonl")).contains(ExportFormat.JSONL);
        assertThat(ExportFormat.of("xml")).isEmpty();
        assertThat(ExportFormat.of(null)).isEmpty();
        assertThat(ExportFormat.allowed()).containsExactly("csv", "jsonl");
    }

    @Test
    void csvNeutralisesFieldsASpreadsheetWouldRunAsFormulas() {
        // OWASP CSV injection guidance: a leading = + - @ TAB or CR is prefixed with ' and the field quoted.
        List<StoredValue> hostile = List.of(
                new StoredValue(
                        "=HYPERLINK(\"http://evil\",\"x\")", "+base", null, null, "-m", -0.5, "@SUM(A1)", "\tx"),
                new StoredValue("\rcmd", "base", 1, "=chat", "m", 1.0, null, "a=b"));

        assertThat(ValueExport.csv(hostile).split("\r\n", -1))
                .containsExactly(
                        ValueExport.HEADER,
                        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",\"'+base\",,,\"'-m\",-0.5,\"'@SUM(A1)\",\"'\tx\"",
                        "\"'\rcmd\",base,1,\"'=chat\",m,1.0,,a=b",
                        "");
    }
}
