package dev.overton.semantic.judge;

import java.util.Locale;

/** The five aspects the quality judge rates 1–5 (or N/A); each is keyed by its lower-case name in the JSON verdict. */
public enum QualityAspect {
    HELPFULNESS,
    CLARITY,
    FACTUALITY,
    DEPTH,
    ENGAGEMENT;

    /** The key in the verdict JSON: the lower-case name. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
