package dev.overton.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.RunSpec;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.json.EventJson;

class MeasureRulesTest {

    private static JsonNode json(String text) {
        return SpecJson.read(text).tree();
    }

    @Test
    void absentMeasuresMeanEveryGroup() {
        List<FieldError> errors = new ArrayList<>();

        assertThat(MeasureRules.read(null, errors)).isNull();
        assertThat(MeasureRules.read(json("null"), errors)).isNull();
        assertThat(errors).isEmpty();
        assertThat(MeasureGroup.selected(null)).containsExactlyInAnyOrder(MeasureGroup.values());
    }

    @Test
    void knownGroupsAreKeptInTheOrderGiven() {
        List<FieldError> errors = new ArrayList<>();

        List<String> measures = MeasureRules.read(json("[\"diversity\", \"lexical\"]"), errors);

        assertThat(errors).isEmpty();
        assertThat(measures).containsExactly("diversity", "lexical");
        assertThat(MeasureGroup.selected(measures)).containsExactly(MeasureGroup.LEXICAL, MeasureGroup.DIVERSITY);
    }

    @Test
    void unknownGroupIsRefusedNamingItsIndexAndTheKnownGroups() {
        List<FieldError> errors = new ArrayList<>();

        List<String> measures = MeasureRules.read(json("[\"lexical\", \"bleurt\"]"), errors);

        assertThat(measures).isNull();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("measures[1]");
            assertThat(e.message())
                    .contains("'bleurt'")
                    .contains("[lexical, diversity, embedding, bertscore, coverage]");
        });
    }

    @Test
    void repeatedGroupIsRefused() {
        List<FieldError> errors = new ArrayList<>();

        MeasureRules.read(json("[\"lexical\", \"lexical\"]"), errors);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("measures[1]");
            assertThat(e.message()).contains("repeats 'lexical'");
        });
    }

    @Test
    void emptyListNonListAndNonStringEntriesAreRefused() {
        List<FieldError> errors = new ArrayList<>();

        MeasureRules.read(json("[]"), errors);
        MeasureRules.read(json("\"lexical\""), errors);
        MeasureRules.read(json("[1]"), errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("measures", "measures", "measures[0]");
        assertThat(errors.get(0).message()).contains("non-empty list");
    }

    @Test
    void judgesAreNotAMeasureGroup() {
        List<FieldError> errors = new ArrayList<>();

        MeasureRules.read(json("[\"judge\"]"), errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("measures[0]");
    }

    @Test
    void groupNoScorerOffersIsRefusedSayingItIsSwitchedOffAndHowToSwitchItOn() {
        List<FieldError> errors = new ArrayList<>();

        MeasureRules.unavailable(
                List.of("lexical", "bertscore"),
                EnumSet.of(MeasureGroup.LEXICAL, MeasureGroup.DIVERSITY),
                g -> "overton.semantic.enabled=true",
                errors);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("measures[1]");
            assertThat(e.message())
                    .contains("'bertscore' is switched off in the scorer's configuration")
                    .contains("overton.semantic.enabled=true")
                    .contains("[lexical, diversity]");
        });
    }

    @Test
    void nothingIsRefusedForAvailabilityBeforeAnyScorerHasSaidOrWhenTheSpecNamesNoGroups() {
        List<FieldError> errors = new ArrayList<>();

        MeasureRules.unavailable(List.of("bertscore"), null, g -> null, errors);
        MeasureRules.unavailable(null, EnumSet.of(MeasureGroup.LEXICAL), g -> null, errors);

        assertThat(errors).isEmpty();
    }

    @Test
    void measuresTravelWithTheSpecAndTheSampleSetAsPlainFields() throws Exception {
        RunSpec spec = new RunSpec("r", null, "a", List.of(), List.of(), null, null, List.of("lexical"));
        RunSpec read = EventJson.mapper().readValue(EventJson.write(spec), RunSpec.class);
        SampleSet set = new SampleSet(1, "run", "p", "a", true, SampleSet.GENERATED, null, List.of(), null)
                .withMeasures(read.measures());
        SampleSet readSet = EventJson.mapper().readValue(EventJson.write(set), SampleSet.class);
        // An event from before runs chose groups has no field at all: every group.
        SampleSet old = EventJson.mapper()
                .readValue(
                        "{\"schemaVersion\":1,\"runId\":\"run\",\"promptId\":\"p\",\"variant\":\"a\","
                                + "\"reference\":true,\"status\":\"generated\",\"samples\":[]}",
                        SampleSet.class);

        assertThat(read.measures()).containsExactly("lexical");
        assertThat(readSet.measureGroups()).containsExactly(MeasureGroup.LEXICAL);
        assertThat(old.measures()).isNull();
        assertThat(old.measureGroups()).containsExactlyInAnyOrder(MeasureGroup.values());
    }
}
