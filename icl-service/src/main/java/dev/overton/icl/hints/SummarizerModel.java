package dev.overton.icl.hints;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;

/**
 * The model that writes summary hints, called through the generator ({@code completion-requests}): either a variant of
 * the run (its backend, endpoint, api, model and params; e.g. the aligned model summarizing its own answers) or an
 * explicit {@code {backend, endpoint, api, model, params}} from the variant's {@code summarizer} option.
 *
 * <p>Its {@link #id() identity} is the model name plus a hash of what decides its output (backend, endpoint, api, model,
 * params — not the variant's name), so that two in-context variants of a run with the same summarizer share one summary
 * per prompt, and a changed setting never reuses summaries made with the old one.
 *
 * @param id the identity, e.g. {@code gpt-4o-mini@3f9a0c1d2e4b}; letters, digits, {@code .}, {@code _}, {@code -} and
 *     one {@code @}
 * @param variant the run variant it was taken from, or {@code null} when given explicitly
 * @param model what the generator calls ({@code samples} is 1: one completion per request)
 */
public record SummarizerModel(String id, String variant, VariantSpec model) {

    private static final ObjectMapper CANONICAL =
            EventJson.mapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The summarizer taken from run variant {@code v}. */
    public static SummarizerModel ofVariant(VariantSpec v) {
        VariantSpec model = new VariantSpec(
                v.name(),
                v.backend(),
                v.model(),
                v.source(),
                v.endpoint(),
                v.api(),
                1,
                v.params() == null ? Map.of() : v.params());
        return new SummarizerModel(identity(model), v.name(), model);
    }

    /** An explicitly given summarizer. */
    public static SummarizerModel explicit(
            String backend, String endpoint, String api, String model, Map<String, Object> params) {
        VariantSpec spec = new VariantSpec("summarizer", backend, model, null, endpoint, api, 1, params);
        return new SummarizerModel(identity(spec), null, spec);
    }

    /** The API the generator uses: {@code chat} unless {@code completions} is named. */
    public boolean chat() {
        return !"completions".equals(model.api());
    }

    /** A description for the plan and the record: identity, and the variant it came from. */
    public String describe() {
        return "model:" + id + (variant == null ? "" : " (variant " + variant + ")");
    }

    private static String identity(VariantSpec m) {
        Map<String, Object> decisive = new LinkedHashMap<>();
        decisive.put("backend", m.backend());
        decisive.put("endpoint", m.endpoint());
        decisive.put("api", m.api() == null ? "chat" : m.api());
        decisive.put("model", m.model());
        decisive.put("params", m.params() == null ? Map.of() : new TreeMap<>(m.params()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(decisive).getBytes(StandardCharsets.UTF_8));
            String name = m.model() == null || m.model().isBlank() ? m.backend() : m.model();
            return name.replaceAll("[^A-Za-z0-9._-]", "_") + "@"
                    + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash summarizer settings: " + e.getMessage(), e);
        }
    }
}
