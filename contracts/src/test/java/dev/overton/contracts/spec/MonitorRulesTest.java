package dev.overton.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.MonitorSpec;

/** The monitor's own fields: defaults, and every bad value refused naming its field. */
class MonitorRulesTest {

    private static List<FieldError> errors(String json, Integer datasetPrompts) {
        List<FieldError> errors = new ArrayList<>();
        MonitorRules.read(SpecJson.read(json).tree(), datasetPrompts, errors);
        return errors;
    }

    private static List<String> fields(String json, Integer datasetPrompts) {
        return errors(json, datasetPrompts).stream().map(FieldError::field).toList();
    }

    @Test
    void defaultsArePairedFirstBaselineNoAlarmsKeepEverything() {
        List<FieldError> errors = new ArrayList<>();
        MonitorSpec spec = MonitorRules.read(
                SpecJson.read("{\"dataset\": {}, \"window\": {\"prompts\": 3}}").tree(), 5, errors);
        assertThat(errors).isEmpty();
        assertThat(spec.window()).isEqualTo(new MonitorSpec.Window(3, null, true));
        assertThat(spec.baseline()).isEqualTo("first");
        assertThat(spec.alarms()).isNull();
        assertThat(spec.retention().windows()).isNull();
        assertThat(spec.source()).isNull();
    }

    @Test
    void readsEveryFieldOfAFullDefinition() {
        List<FieldError> errors = new ArrayList<>();
        MonitorSpec spec = MonitorRules.read(
                SpecJson.read("{\"dataset\": {}, \"window\": {\"prompts\": 20, \"every\": \"PT1H\", \"paired\": false},"
                                + " \"baseline\": \"previous\", \"alarms\": {\"metrics\": [\"jaccard_1\","
                                + " \"embedding_vendi_score\"], \"fdr\": 0.1, \"minEffect\": {\"jaccard_1\": 0.02}},"
                                + " \"retention\": {\"windows\": 200}}")
                        .tree(),
                50,
                errors);
        assertThat(errors).isEmpty();
        assertThat(spec.window()).isEqualTo(new MonitorSpec.Window(20, "PT1H", false));
        assertThat(spec.window().period()).hasHours(1);
        assertThat(spec.baseline()).isEqualTo("previous");
        assertThat(spec.alarms().metrics()).containsExactly("jaccard_1", "embedding_vendi_score");
        assertThat(spec.alarms().fdr()).isEqualTo(0.1);
        assertThat(spec.alarms().minEffect()).containsEntry("jaccard_1", 0.02);
        assertThat(spec.retention().windows()).isEqualTo(200);
    }

    @Test
    void theShortestPeriodIsTheDeploymentsSetting() {
        String fiveSeconds = "{\"dataset\": {}, \"window\": {\"prompts\": 3, \"every\": \"PT5S\"}}";
        List<FieldError> errors = new ArrayList<>();
        MonitorSpec spec =
                MonitorRules.read(SpecJson.read(fiveSeconds).tree(), 5, java.time.Duration.ofSeconds(5), errors);
        assertThat(errors).isEmpty();
        assertThat(spec.window().period()).hasSeconds(5);

        errors.clear();
        MonitorRules.read(SpecJson.read(fiveSeconds).tree(), 5, java.time.Duration.ofMinutes(1), errors);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("window.every");
            assertThat(e.message()).contains("below the minimum").contains("PT1M");
        });
        assertThat(errors(fiveSeconds, 5))
                .as("the default minimum is PT10S")
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("PT10S"));
    }

    @Test
    void everyBadMonitorFieldIsNamed() {
        assertThat(fields("{\"dataset\": {}, \"window\": {\"prompts\": 3, \"every\": \"PT5S\"}}", 5))
                .containsExactly("window.every");
        assertThat(fields("{\"dataset\": {}, \"window\": {\"prompts\": 3, \"every\": \"hourly\"}}", 5))
                .containsExactly("window.every");
        assertThat(fields("{\"dataset\": {}, \"window\": {\"prompts\": 0}}", 5)).containsExactly("window.prompts");
        assertThat(fields("{\"dataset\": {}, \"window\": {\"prompts\": 6}}", 5)).containsExactly("window.prompts");
        assertThat(errors("{\"dataset\": {}, \"window\": {\"prompts\": 6}}", 5)
                        .get(0)
                        .message())
                .contains("the dataset has 5 prompts");
        assertThat(fields("{\"dataset\": {}, \"window\": {\"prompts\": 1, \"size\": 2}}", 5))
                .containsExactly("window.size");
        assertThat(fields("{\"dataset\": {}}", 5)).containsExactly("window");
        assertThat(fields(
                        "{\"dataset\": {}, \"window\": {\"prompts\": 1}, \"alarms\": {\"metrics\": [\"jacard_1\","
                                + " \"mean_tokens\"], \"fdr\": 1, \"minEffect\": {\"jaccard_2\": 0.1}}}",
                        5))
                .containsExactlyInAnyOrder(
                        "alarms.metrics[0]", "alarms.metrics[1]", "alarms.fdr", "alarms.minEffect.jaccard_2");
        assertThat(fields(
                        "{\"dataset\": {}, \"window\": {\"prompts\": 1}, \"alarms\": {\"metrics\": [], \"fdr\": 0}}",
                        5))
                .containsExactlyInAnyOrder("alarms.metrics", "alarms.fdr");
        assertThat(fields(
                        "{\"dataset\": {}, \"window\": {\"prompts\": 1}, \"alarms\": {\"metrics\": [\"jaccard_1\"],"
                                + " \"minEffect\": {\"jaccard_1\": -1}}}",
                        5))
                .containsExactly("alarms.minEffect.jaccard_1");
        assertThat(fields("{\"dataset\": {}, \"window\": {\"prompts\": 1}, \"retention\": {\"windows\": 0}}", 5))
                .containsExactly("retention.windows");
        assertThat(fields("{\"dataset\": {}, \"window\": {\"prompts\": 1}, \"baseline\": 3}", 5))
                .containsExactly("baseline");
    }

    @Test
    void aMonitorTakesADatasetOrAStreamNotBothAndAStreamIsUnpaired() {
        assertThat(fields(
                        "{\"dataset\": {}, \"source\": {\"topic\": \"monitor-prompts\"}, \"window\": {\"prompts\": 1}}",
                        5))
                .containsExactly("source");
        assertThat(fields("{\"window\": {\"prompts\": 1}}", null)).containsExactly("dataset");
        assertThat(fields("{\"source\": {\"topic\": \"other\"}, \"window\": {\"prompts\": 1}}", null))
                .containsExactly("source.topic");
        assertThat(fields(
                        "{\"source\": {\"topic\": \"monitor-prompts\"}, \"window\": {\"prompts\": 1, \"paired\": true}}",
                        null))
                .containsExactly("window.paired");
        List<FieldError> errors = new ArrayList<>();
        MonitorSpec stream = MonitorRules.read(
                SpecJson.read("{\"source\": {\"topic\": \"monitor-prompts\"}, \"window\": {\"prompts\": 20}}")
                        .tree(),
                null,
                errors);
        assertThat(errors).isEmpty();
        assertThat(stream.window().paired()).isFalse();
        assertThat(stream.streamed()).isTrue();
    }

    @Test
    void onlyMetricsWithAWorseDirectionCanAlarm() {
        assertThat(MonitorRules.namesRun("first")).isFalse();
        assertThat(MonitorRules.namesRun("previous")).isFalse();
        assertThat(MonitorRules.namesRun("3f2a")).isTrue();
        assertThat(errors(
                                "{\"dataset\": {}, \"window\": {\"prompts\": 1}, \"alarms\": {\"metrics\":"
                                        + " [\"bertscore_f1\"]}}",
                                5)
                        .get(0)
                        .message())
                .contains("no worse direction");
    }
}
