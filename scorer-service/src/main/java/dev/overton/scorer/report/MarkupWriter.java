package dev.overton.scorer.report;

import java.util.Locale;

/**
 * Writes markup into a buffer: elements with attributes given as name/value pairs, text content, all escaped. The
 * report's charts ({@code svg/}) are drawn with it; the pages around them are Qute templates ({@link ReportTemplates}),
 * which escape on their own. Attributes whose value is {@code null} are left out, so optional data attributes need no branching at the
 * call site. Coordinates are written with at most two decimals, so that the markup is stable and small.
 */
public final class MarkupWriter {

    private final StringBuilder out;

    /** A writer into a new buffer. */
    public MarkupWriter() {
        this(new StringBuilder());
    }

    /** A writer appending to {@code out}. */
    public MarkupWriter(StringBuilder out) {
        this.out = out;
    }

    /** Opens {@code tag} with {@code attributes} (name, value, name, value, ...). */
    public MarkupWriter open(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** Closes {@code tag}. */
    public MarkupWriter close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** A self-closing {@code tag} with {@code attributes}. */
    public MarkupWriter empty(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    /** {@code tag} with {@code attributes} around the escaped {@code text}. */
    public MarkupWriter element(String tag, String text, Object... attributes) {
        open(tag, attributes);
        out.append(escape(text));
        return close(tag);
    }

    /** Escaped text content. */
    public MarkupWriter text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Markup written as is: only for markup produced by another writer. */
    public MarkupWriter raw(String markup) {
        out.append(markup);
        return this;
    }

    /** The markup written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            String text = value instanceof Double d ? num(d) : String.valueOf(value);
            out.append(' ')
                    .append(attributes[i])
                    .append("=\"")
                    .append(escape(text))
                    .append('"');
        }
    }

    /**
     * Escapes {@code text} for element content and double-quoted attribute values ({@code & < > " '}). A {@code null}
     * text is written as nothing.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                b.append(replacement);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    /** A coordinate: at most two decimals, no trailing zeros, never a locale's decimal comma. */
    public static String num(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite coordinate: " + value);
        }
        String s = String.format(Locale.ROOT, "%.2f", value);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s.equals("-0") ? "0" : s;
    }
}
