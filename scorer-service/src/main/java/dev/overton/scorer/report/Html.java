package dev.overton.scorer.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Small helpers of the report pages: prompt and variant order, and links to a prompt's page. The pages' markup and
 * style sheet are Qute templates ({@code templates/report/}).
 */
public final class Html {

    /**
     * Orders prompt ids as a reader expects: numeric ids (line numbers, the default) by value, before any other ids,
     * which are in text order.
     */
    public static final Comparator<String> PROMPT_ORDER = (a, b) -> {
        boolean na = a.matches("\\d{1,18}");
        boolean nb = b.matches("\\d{1,18}");
        if (na && nb) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private Html() {}

    /** {@code variants} in display order: the others by name, then the reference (which may be {@code null}). */
    public static List<String> variantOrder(Collection<String> variants, String reference) {
        return variants.stream()
                .distinct()
                .sorted(Comparator.comparing((String v) -> v.equals(reference))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /**
     * {@code value} as one URL path segment, percent-encoded (UTF-8; every character but {@code A-Z a-z 0-9 - . _ *}
     * is encoded, so {@code /}, {@code ?}, {@code #}, {@code :} and {@code %} cannot change the link's meaning).
     */
    public static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A relative link to {@code prefix} followed by {@code id} as one path segment, or {@code null} when {@code id}
     * cannot be one: an empty id, {@code .} and {@code ..} are dot segments that a browser (and the server) resolves
     * away, so that {@code report/prompts/..} would point at the report itself. Encoding does not help: the URL
     * standard treats {@code %2E%2E} as {@code ..} too. Such ids (possible in rows stored before ids were
     * constrained, or arriving from Kafka) are shown without a link.
     */
    public static String link(String prefix, String id) {
        if (id == null || id.isEmpty() || id.equals(".") || id.equals("..")) {
            return null;
        }
        return prefix + pathSegment(id);
    }
}
