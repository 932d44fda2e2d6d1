package dev.overton.semantic.judge;

/** The five aspects the quality judge rates 1–5 (or N/A), with their names in the judge's JSON verdict. */
public enum QualityAspect {
    HELPFULNESS("helpfulness"),
    CLARITY("clarity"),
    FACTUALITY("factuality"),
    DEPTH("depth"),
    ENGAGEMENT("engagement");

    private final String json;

    QualityAspect(String json) {
        this.json = json;
    }

    /** The key in the verdict JSON. */
    public String json() {
        return json;
    }
}
