package dev.overton.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;

class EventJsonTest {

    @Test
    void sampleSetRoundTripsThroughJson() {
        SampleSet set = new SampleSet(
                SchemaVersions.V1,
                "run-1",
                "7",
                "llama-2-chat",
                true,
                SampleSet.GENERATED,
                null,
                List.of(new Sample(0, "hello", "stop")),
                Instant.parse("2026-11-27T10:00:00Z"));

        String json = EventJson.write(set);

        assertThat(json).contains("\"generatedAt\":\"2026-11-27T10:00:00Z\"");
        assertThat(EventJson.read(json, SampleSet.class)).isEqualTo(set);
        assertThat(set.key()).isEqualTo("run-1/7");
    }

    @Test
    void recordThatIsNotJsonIsRejectedWithTheTypeName() {
        assertThatThrownBy(() -> EventJson.read("{not json", SampleSet.class))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageStartingWith("SampleSet: not a valid record");
    }

    @Test
    void unknownSchemaVersionIsRejected() {
        String json =
                "{\"schemaVersion\":99,\"runId\":\"r\",\"promptId\":\"0\",\"variant\":\"v\",\"status\":\"generated\"}";
        assertThatThrownBy(() -> EventJson.read(json, SampleSet.class))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("schemaVersion 99");
    }

    @Test
    void missingRequiredFieldIsRejectedNamingTheField() {
        String json = "{\"schemaVersion\":1,\"promptId\":\"0\",\"variant\":\"v\",\"status\":\"generated\"}";
        assertThatThrownBy(() -> EventJson.read(json, SampleSet.class))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("runId");
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        String json = "{\"schemaVersion\":1,\"runId\":\"r\",\"promptId\":\"0\",\"variant\":\"v\","
                + "\"status\":\"failed\",\"error\":\"boom\",\"addedLater\":true}";
        SampleSet set = EventJson.read(json, SampleSet.class);
        assertThat(set.failed()).isTrue();
        assertThat(set.samples()).isEmpty();
    }
}
