package dev.overton.systemtests.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.Sample;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;

/**
 * The texts the bench publishes: the released LIMA-OE responses of llama-2-base (the reference variant) and
 * llama-2-chat, five per prompt, or generated text when the fixtures are absent. Set {@code i} is prompt {@code
 * (i / 2) % prompts} of cycle {@code i / (2 * prompts)}; even sets are the reference, odd ones the candidate, so
 * the candidate's scores include the between-variant values. Each set carries the run's measure groups ({@code null}:
 * every group).
 */
record LoadTexts(String source, List<List<String>> reference, List<List<String>> candidate) {

    static final String REFERENCE = "llama-2-base";
    static final String CANDIDATE = "llama-2-chat";
    static final int SAMPLES_PER_SET = 5;

    static LoadTexts load(Path fixtures) throws IOException {
        Path outputs = fixtures.resolve("lima-oe/outputs");
        Path ref = outputs.resolve(REFERENCE).resolve("samples.jsonl");
        Path cand = outputs.resolve(CANDIDATE).resolve("samples.jsonl");
        if (Files.isRegularFile(ref) && Files.isRegularFile(cand)) {
            List<List<String>> r = read(ref);
            List<List<String>> c = read(cand);
            int n = Math.min(r.size(), c.size());
            if (n > 0) {
                return new LoadTexts(
                        "LIMA-OE " + REFERENCE + " + " + CANDIDATE + " (" + n + " prompts)",
                        r.subList(0, n),
                        c.subList(0, n));
            }
        }
        List<List<String>> r = new ArrayList<>();
        List<List<String>> c = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int p = 0; p < 50; p++) {
            r.add(generated(random));
            c.add(generated(random));
        }
        return new LoadTexts("generated (" + outputs + " absent)", r, c);
    }

    private static List<String> generated(java.util.Random random) {
        String[] words = {
            "the",
            "model",
            "answer",
            "cold",
            "medicine",
            "rest",
            "water",
            "doctor",
            "symptoms",
            "should",
            "take",
            "help",
            "fever",
            "days",
            "sleep",
            "often",
            "can",
            "with",
            "and",
            "a"
        };
        List<String> texts = new ArrayList<>();
        for (int s = 0; s < SAMPLES_PER_SET; s++) {
            StringBuilder b = new StringBuilder();
            for (int w = 0, n = 80 + random.nextInt(220); w < n; w++) {
                b.append(words[random.nextInt(words.length)]).append(w % 15 == 14 ? ". " : " ");
            }
            texts.add(b.toString().trim());
        }
        return texts;
    }

    /** One line per prompt: TGI shape {@code outputs[].generated_text} or OpenAI shape {@code message.content}. */
    private static List<List<String>> read(Path file) throws IOException {
        List<List<String>> prompts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = EventJson.mapper().readTree(line);
            List<String> texts = new ArrayList<>();
            for (JsonNode output : node.path("outputs")) {
                JsonNode text = output.has("generated_text")
                        ? output.get("generated_text")
                        : output.path("message").path("content");
                if (text.isTextual()) {
                    texts.add(text.asText());
                }
            }
            if (!texts.isEmpty()) {
                prompts.add(texts);
            }
        }
        return prompts;
    }

    SampleSet set(String runId, long i, List<String> measures) {
        int prompts = reference.size();
        int prompt = (int) ((i / 2) % prompts);
        long cycle = i / (2L * prompts);
        boolean isReference = i % 2 == 0;
        List<String> source = (isReference ? reference : candidate).get(prompt);
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < SAMPLES_PER_SET; s++) {
            samples.add(new Sample(s, source.get(s % source.size()), "stop"));
        }
        String promptId = String.format(Locale.ROOT, "p%02d-c%d", prompt, cycle);
        return new SampleSet(
                SchemaVersions.V1,
                runId,
                promptId,
                isReference ? REFERENCE : CANDIDATE,
                isReference,
                SampleSet.GENERATED,
                null,
                samples,
                Instant.now(),
                measures);
    }
}
