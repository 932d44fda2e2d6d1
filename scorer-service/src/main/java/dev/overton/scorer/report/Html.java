package dev.overton.scorer.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Small helpers of the report pages: the shared style sheet, link building and prompt order. */
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

    /** The style sheet of both pages: inline, so a saved page is self-contained and nothing is fetched. */
    static final String CSS = """
            *{box-sizing:border-box}
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:0;\
            color:#1f1f1f;background:#f6f6f4;line-height:1.45}
            main{max-width:1240px;margin:0 auto;padding:20px 24px 40px}
            h1{font-size:24px;margin:0 0 2px}
            h2{font-size:19px;margin:30px 0 8px;padding-bottom:4px;border-bottom:1px solid #d8d8d8}
            .question h2{margin-top:4px;border:0}
            h3{font-size:15px;margin:12px 0 4px}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:90%;background:#ececea;\
            padding:0 3px;border-radius:3px}
            a{color:#0b5cad}
            .run-meta{color:#555;margin:0 0 10px}
            .chips{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0 0;padding:0;list-style:none}
            .chip{background:#fff;border:1px solid #ddd;border-radius:14px;padding:2px 10px 2px 6px;font-size:13px}
            .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
            .questions{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px;margin-top:16px}
            .question{min-width:0;background:#fff;border:1px solid #d8d8d8;border-radius:8px;padding:12px 16px}
            .ask{margin:0 0 8px;color:#333}
            .verdicts{list-style:none;margin:0 0 10px;padding:0}
            .verdict{margin:6px 0;padding:6px 10px;border-left:5px solid #999;background:#f4f4f2;border-radius:3px}
            .verdict strong{font-size:16px}
            .verdict .detail{display:block;font-size:12.5px;color:#444}
            .verdict-yes{border-color:#009E73;background:#eaf6f1}
            .verdict-no{border-color:#D55E00;background:#fbeee6}
            .verdict-partial,.verdict-unclear{border-color:#E69F00;background:#fcf5e6}
            .verdict-undefined{border-color:#999}
            .lead,.method,figcaption{font-size:13px;color:#555}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px}
            figure{margin:0;background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:6px}
            figcaption{padding:2px 6px}
            svg{max-width:100%;height:auto;display:block}
            .not-computed{color:#666;font-style:italic;background:#fff;border:1px dashed #ccc;padding:8px 12px;\
            border-radius:6px}
            table{border-collapse:collapse;font-size:13px;background:#fff}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:right;vertical-align:top;white-space:nowrap}
            th{background:#efefed;font-weight:600}
            td.name,th.name{text-align:left}
            .table-wrap{overflow-x:auto}
            .yes{color:#00795a;font-weight:600}.no{color:#b34700;font-weight:600}
            footer{margin-top:30px;font-size:13px;color:#555}
            nav.prompt-nav{display:flex;gap:16px;margin:8px 0 12px}
            .sets{display:grid;gap:12px;overflow-x:auto}
            .set{background:#fff;border:1px solid #d8d8d8;border-radius:6px;padding:8px 10px;min-width:0}
            .set h2{margin:0 0 6px;font-size:16px;border:0}
            .badge{display:inline-block;font-size:11px;border-radius:8px;padding:0 6px;background:#eee;margin-left:4px}
            .badge.reference{background:#fbe1d1}
            .sample{border-top:1px solid #eee;padding:6px 0}
            .sample-head{font-size:12px;color:#555}
            .sample-text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px;margin:4px 0 0}
            .error{color:#b34700;white-space:pre-wrap}
            .set-values{font-size:13px;color:#333;margin:4px 0}
            details{font-size:12.5px;margin:4px 0}
            """;

    private Html() {}

    /** {@code variants} in display order: the others by name, then the reference (which may be {@code null}). */
    public static List<String> variantOrder(Collection<String> variants, String reference) {
        return variants.stream()
                .distinct()
                .sorted(Comparator.comparing((String v) -> v.equals(reference))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** {@code value} as one URL path segment. */
    public static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
