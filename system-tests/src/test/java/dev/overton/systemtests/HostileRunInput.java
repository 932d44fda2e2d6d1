package dev.overton.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * The hostile input of runs for {@link HostileInputIT}: the valid spec it fuzzes, the hostile values put into each of
 * its leaves, malformed bodies, hostile ids and the GETs they are sent to, and the JSON-path tools that address a leaf
 * ({@code a.b[0].c}). Data and request builders only: the IT class sends them and makes every assertion. Kept apart
 * from it, as {@link HostileMonitorInput} is, so that neither grows past one job.
 */
final class HostileRunInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileRunInput() {}

    /** A small valid spec: three inline prompts, chat and a base replayed, chat the reference, one in-context variant. */
    static ObjectNode baseSpec(Path fixtures, String name) throws IOException {
        String spec = "{\"name\":\"" + name + "\",\"dataset\":{\"prompts\":[\"first prompt\",{\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"second prompt\"}]},\"third prompt\"]},"
                + "\"reference\":\"llama-2-chat\",\"variants\":["
                + PipelineItVariants.replay(fixtures, "llama-2-chat") + ","
                + PipelineItVariants.replay(fixtures, "llama-2-icl-chat")
                        .replace("\"samples\":5", "\"samples\":5,\"params\":{\"temperature\":0.7,\"max_tokens\":64}")
                + "],\"icl\":[{\"name\":\"icl-fixed\",\"base\":\"llama-2-icl-chat\",\"examples\":\"fixed\","
                + "\"k\":3}]}";
        return (ObjectNode) JSON.readTree(spec);
    }

    /** The hostile values every leaf of the spec is replaced with, one at a time. */
    static List<JsonNode> hostileValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = new ArrayList<>();
        for (String s : List.of(
                "",
                " ",
                "\u0000",
                "a\u0000b",
                "\u0007bell",
                "\u001b[31mred\u001b[0m",
                "line\r\nFORGED log line",
                "\u202eevil",
                "\u0085next-line",
                "\uD800",
                "../../../../etc/passwd",
                "/etc/passwd",
                "%00",
                "..",
                "x".repeat(10_000),
                "y".repeat(1_000_000),
                "=HYPERLINK(\"http://evil\")",
                "<script>alert(1)</script>")) {
            values.add(TextNode.valueOf(s));
        }
        for (String n : List.of(
                "0",
                "-1",
                "1",
                "2147483647",
                "2147483648",
                "4294967297",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "1e308",
                "1e309",
                "-0.0",
                "0.5",
                "1e-320")) {
            try {
                values.add(JSON.readTree(n));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        values.add(f.nullNode());
        values.add(f.booleanNode(true));
        values.add(f.objectNode().put("x", 1));
        values.add(f.arrayNode().add(1).add("two"));
        return values;
    }

    /**
     * Bodies that are no run spec at all, by what is wrong with them: duplicate keys, trailing text, invalid or
     * overlong UTF-8, not JSON, empty, an array, deep nesting; all but the last three are made from {@code good}.
     */
    static Map<String, byte[]> malformedBodies(String good) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put(
                "duplicate key", good.replaceFirst("\\{", "{\"name\":\"dup\",").getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing text", (good + " }}}").getBytes(StandardCharsets.UTF_8));
        bodies.put("two objects", (good + good).getBytes(StandardCharsets.UTF_8));
        byte[] utf8 = good.replace("first prompt", "first XX prompt").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(utf8, "XX".getBytes(StandardCharsets.UTF_8));
        utf8[at] = (byte) 0xC3; // a lead byte followed by a non-continuation byte: invalid UTF-8
        utf8[at + 1] = (byte) 0x28;
        bodies.put("invalid UTF-8", utf8);
        byte[] overlong = good.replace("first prompt", "first XX prompt").getBytes(StandardCharsets.UTF_8);
        overlong[at] = (byte) 0xC0; // overlong encoding of '/'
        overlong[at + 1] = (byte) 0xAF;
        bodies.put("overlong UTF-8", overlong);
        bodies.put("not JSON", "{this is not json".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty", new byte[0]);
        bodies.put("JSON array", "[]".getBytes(StandardCharsets.UTF_8));
        bodies.put(
                "deep nesting",
                ("{\"name\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}").getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    /** Hostile path ids: NUL, path tricks, CR LF injection, escape codes, bidi override, invalid UTF-8, SQL, huge. */
    static List<String> hostileIds() {
        return List.of(
                "%00",
                "a%00b",
                // (a ".." segment, raw or as %2e%2e, is resolved by the HTTP layer itself: /runs/.. is the page at /)
                "..%2F..%2Fetc%2Fpasswd",
                "%0d%0aX-Injected:%201",
                "%1b%5b31m",
                "%E2%80%AE",
                "%ff%fe",
                "%C0%AF",
                "'%3B%20drop%20table%20runs%3B--",
                "x".repeat(10_000));
    }

    /** Every GET of the three services that takes a run id ({@code {id}}), by service. */
    static Map<Service, List<String>> getsTakingAnId() {
        return Map.of(
                Service.GENERATOR, List.of("/runs/{id}", "/runs/{id}/samples"),
                Service.SCORER,
                        List.of(
                                "/runs/{id}",
                                "/runs/{id}/scores",
                                "/runs/{id}/values",
                                "/runs/{id}/export",
                                "/runs/{id}/report",
                                "/runs/{id}/report/verdicts",
                                "/runs/{id}/judge",
                                "/runs/{id}/judge/verdicts",
                                "/runs/{id}/report/prompts/{id}"),
                Service.ICL, List.of("/runs/{id}/plan", "/runs/{id}/summaries", "/runs/{id}/recovery"));
    }

    static String topField(String path) {
        int end = path.length();
        for (char c : new char[] {'.', '['}) {
            int i = path.indexOf(c);
            if (i > 0) {
                end = Math.min(end, i);
            }
        }
        return path.substring(0, end);
    }

    static String abbreviate(JsonNode value) {
        String s = value.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + " chars)" : s;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    /** Paths of every leaf (scalars) of {@code node}, as {@code a.b[0].c}. */
    static void collectPaths(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                collectPaths(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPaths(node.get(i), at + "[" + i + "]", out);
            }
        } else {
            out.add(at);
        }
    }

    static void replaceAt(ObjectNode root, String path, JsonNode value) {
        JsonNode parent = root;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = step(parent, steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    /** Adds a misspelt copy of the leaf's key ("sampels" for "samples") to the object holding it. */
    static String addUnknownBeside(ObjectNode root, String path) {
        JsonNode parent = root;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = step(parent, steps[i]);
        }
        String last = steps[steps.length - 1];
        String key = last.startsWith("[") || last.length() < 3 ? "unknownField" : swapLastTwo(last);
        if (parent instanceof ObjectNode object) {
            object.put(key, 1);
            return key;
        }
        root.put("unknownField", 1);
        return "unknownField";
    }

    static String swapLastTwo(String s) {
        int n = s.length();
        return s.substring(0, n - 2) + s.charAt(n - 1) + s.charAt(n - 2);
    }

    static JsonNode step(JsonNode node, String step) {
        if (step.startsWith("[")) {
            return node.get(Integer.parseInt(step.substring(1, step.length() - 1)));
        }
        return node.get(step);
    }
}
