package dev.overton.deploytests;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to find the metric names an expression selects. Strings, label matchers, range and subquery
 * brackets, grouping clauses ({@code by (...)}, {@code on (...)}, ...) and Grafana variables are removed first; what
 * is left that looks like an identifier and is not a function call or keyword is a metric name.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan",
            "start",
            "end",
            "atan2");
    private static final Pattern IDENT = Pattern.compile("(?<![A-Za-z0-9_:.$])([A-Za-z_:][A-Za-z0-9_:]*)\\s*(\\()?");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern GRAFANA_VAR =
            Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::[^}]*)?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private PromQl() {}

    /** The metric names {@code expr} selects. */
    static Set<String> metricNames(String expr) {
        String s = expr;
        s = s.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        s = s.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
        s = s.replaceAll("`[^`]*`", "``");
        s = s.replaceAll("\\{[^}]*}", "{}");
        s = s.replaceAll("\\[[^]]*]", "[]");
        s = s.replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        s = s.replaceAll("\\boffset\\s+-?[0-9a-zA-Z$_{}]+", " ");
        s = GRAFANA_VAR.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String name = m.group(1);
            boolean call = m.group(2) != null;
            if (!call && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The metric names a Grafana variable query selects: {@code label_values(<selector>, label)}, {@code
     * label_values(label)} (none), {@code query_result(<expr>)} or a plain expression.
     */
    static Set<String> variableQueryMetricNames(String query) {
        Matcher lv = LABEL_VALUES.matcher(query);
        if (lv.matches()) {
            return metricNames(lv.group(1));
        }
        if (query.trim().matches("label_values\\s*\\(\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)")
                || query.trim().matches("label_names\\s*\\(\\s*\\)")) {
            return Set.of();
        }
        String q = query.trim();
        if (q.startsWith("query_result(") && q.endsWith(")")) {
            q = q.substring("query_result(".length(), q.length() - 1);
        }
        return metricNames(q);
    }

    /** The Grafana variables ({@code $name}, {@code ${name}}, {@code ${name:format}}) {@code expr} uses. */
    static Set<String> grafanaVariables(String expr) {
        Set<String> vars = new LinkedHashSet<>();
        Matcher m = GRAFANA_VAR.matcher(expr);
        while (m.find()) {
            vars.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return vars;
    }
}
