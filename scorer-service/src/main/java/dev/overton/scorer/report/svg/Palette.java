package dev.overton.scorer.report.svg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Colours of variants, the same in every chart of a page. The Okabe–Ito palette, which stays distinguishable for the
 * common forms of colour blindness; the reference (aligned) variant is always vermillion, so that it is recognised at
 * a glance, and the others take the remaining colours in order.
 */
public final class Palette {

    /** Colour of the reference (aligned) variant. */
    public static final String REFERENCE = "#D55E00";

    private static final List<String> OTHERS =
            List.of("#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#7F7F7F", "#000000");

    private Palette() {}

    /** A colour per variant, in the order given; {@code reference} may be {@code null}. */
    public static Map<String, String> assign(List<String> variants, String reference) {
        Map<String, String> colours = new LinkedHashMap<>();
        int next = 0;
        for (String variant : variants) {
            if (variant.equals(reference)) {
                colours.put(variant, REFERENCE);
            } else {
                colours.put(variant, OTHERS.get(next % OTHERS.size()));
                next++;
            }
        }
        return colours;
    }
}
