package dev.overton.generator.sampling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.Sample;
import dev.overton.contracts.files.FileRefusedException;
import dev.overton.contracts.files.FileSandbox;
import dev.overton.contracts.json.EventJson;

/**
 * Answers generation requests from released output files, so that the whole pipeline runs on real model outputs
 * without a model server. Record k of the file answers the dataset's prompt k ({@code prompt.index}).
 *
 * <p>Two record shapes are understood:
 *
 * <ul>
 *   <li>TGI: {@code {"prompt": <rendered prompt>, "outputs": [{"generated_text": ...}, ...]}}; an output may be
 *       {@code {"error": ..., "error_type": ...}}, which makes the whole set a failed one (the prompt failed, it is
 *       not empty text);
 *   <li>OpenAI: {@code {"ok": true, "outputs": [{"message": {"content": ...}, "finish_reason": ...}, ...]}}; {@code
 *       "ok": false} is a failed set.
 * </ul>
 *
 * <p>Stop strings are removed from the text. They are taken from the variant's {@code params.stop}; failing that,
 * from the {@code args.json} the release keeps beside the file; failing that, for a TGI record whose prompt ends with
 * an opening answer fence, the closing fence. Parsed files are cached (bounded, reloaded when the file changes).
 *
 * <p>Every read goes through the {@link FileSandbox}, on every request: the {@code source} is checked again where the
 * file is opened (allowed folders after links are resolved, regular file, size cap), because it may have been swapped
 * since the run was submitted, and a generation request from Kafka may name any path. A refused file makes a failed
 * set with the reason; nothing of it is read.
 */
public final class ReplayBackend implements SamplingBackend {

    /** The backend name in run specs. */
    public static final String NAME = "replay";

    private static final String FENCE = "```";
    private static final int CACHED_FILES = 32;
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final FileSandbox sandbox;
    private final Map<Path, LoadedFile> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, LoadedFile> eldest) {
            return size() > CACHED_FILES;
        }
    });

    /** @param baseDir folder that relative source paths are resolved against, and the only one they may name */
    public ReplayBackend(Path baseDir) {
        this(FileSandbox.of(baseDir));
    }

    /** @param sandbox the folder policy every source file is opened through */
    public ReplayBackend(FileSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SampledSet sample(GenerationRequest request) {
        String source = request.variant().source();
        if (source == null || source.isBlank()) {
            return SampledSet.failed("replay variant '" + request.variant().name() + "' names no source file");
        }
        LoadedFile file;
        try {
            file = load(source);
        } catch (FileRefusedException e) {
            return SampledSet.failed("replay source " + source + " refused: " + e.getMessage());
        }
        int index = request.prompt().index();
        if (index < 0 || index >= file.records().size()) {
            return SampledSet.failed("replay source " + source + " has no record " + index + " (it has "
                    + file.records().size() + ")");
        }
        JsonNode record = file.records().get(index);
        if (record == null || record.isNull()) {
            return SampledSet.failed("record " + index + " of " + source + " is not valid JSON");
        }
        return toSamples(record, request.variant().samples(), stops(request, file, record));
    }

    private static SampledSet toSamples(JsonNode record, int wanted, List<String> stops) {
        if (record.has("ok") && !record.get("ok").asBoolean(true)) {
            return SampledSet.failed(
                    "released record failed: " + record.path("error").asText("(no reason given)"));
        }
        JsonNode outputs = record.get("outputs");
        if (outputs == null || !outputs.isArray()) {
            return SampledSet.failed("released record has no 'outputs' list");
        }
        if (outputs.size() < wanted) {
            return SampledSet.failed("released record has " + outputs.size() + " outputs but the variant asks for "
                    + wanted + " samples; lower 'samples' to at most " + outputs.size());
        }
        List<Sample> samples = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            JsonNode output = outputs.get(i);
            if (output.has("error")) {
                return SampledSet.failed("released output " + i + " is an error ("
                        + output.path("error_type").asText("unknown") + "): "
                        + output.get("error").asText());
            }
            String text;
            String finishReason = null;
            if (output.has("generated_text")) {
                text = output.get("generated_text").asText();
            } else if (output.path("message").has("content")) {
                text = output.path("message").path("content").asText();
                finishReason = output.hasNonNull("finish_reason")
                        ? output.get("finish_reason").asText()
                        : null;
            } else {
                return SampledSet.failed("released output " + i + " has neither generated_text nor message.content");
            }
            StopStrings.Cut cut = StopStrings.cut(text, stops);
            if (cut.stopped()) {
                finishReason = "stop";
            }
            samples.add(new Sample(i, cut.text(), finishReason));
        }
        return SampledSet.of(samples);
    }

    private static List<String> stops(GenerationRequest request, LoadedFile file, JsonNode record) {
        Object stop = request.variant().params() == null
                ? null
                : request.variant().params().get("stop");
        if (stop instanceof String s) {
            return List.of(s);
        }
        if (stop instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (!file.releasedStops().isEmpty()) {
            return file.releasedStops();
        }
        String prompt = record.path("prompt").asText("");
        return prompt.stripTrailing().endsWith(FENCE) ? List.of(FENCE) : List.of();
    }

    /**
     * The file's records, parsed once per version of the file. The sandbox is asked on every call: a link re-pointed
     * since the last call is refused, not served from the cache.
     */
    private LoadedFile load(String source) {
        try (FileSandbox.Opened opened = sandbox.open(source)) {
            LoadedFile cached = cache.get(opened.realPath());
            if (cached != null && cached.identity().equals(opened.identity())) {
                return cached;
            }
            List<JsonNode> records = new ArrayList<>();
            for (String line : opened.lines()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(MAPPER.readTree(line));
                } catch (JsonProcessingException e) {
                    records.add(null);
                }
            }
            LoadedFile loaded = new LoadedFile(
                    opened.identity(), List.copyOf(nullTolerant(records)), releasedStops(opened.realPath()));
            cache.put(opened.realPath(), loaded);
            return loaded;
        }
    }

    private static List<JsonNode> nullTolerant(List<JsonNode> records) {
        // List.copyOf rejects nulls; an unparsable line stays a failed record at its index.
        List<JsonNode> copy = new ArrayList<>(records.size());
        for (JsonNode r : records) {
            copy.add(r == null ? MAPPER.nullNode() : r);
        }
        return copy;
    }

    /** The stop strings of the release's {@code args.json} beside the file, read through the sandbox too. */
    private List<String> releasedStops(Path samplesFile) {
        List<String> lines;
        try {
            lines = sandbox.readLines(samplesFile.resolveSibling("args.json").toString());
        } catch (FileRefusedException e) {
            if (e.reason() == FileRefusedException.Reason.MISSING) {
                return List.of();
            }
            throw e;
        }
        try {
            JsonNode stop =
                    MAPPER.readTree(String.join("\n", lines)).path("params").path("stop");
            List<String> stops = new ArrayList<>();
            stop.forEach(s -> stops.add(s.asText()));
            return List.copyOf(stops);
        } catch (IOException e) {
            return List.of();
        }
    }

    private record LoadedFile(String identity, List<JsonNode> records, List<String> releasedStops) {}
}
