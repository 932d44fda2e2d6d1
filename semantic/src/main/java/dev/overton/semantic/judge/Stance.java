package dev.overton.semantic.judge;

import java.util.Arrays;
import java.util.Optional;

/** The stance labels of the stance judge, with their exact spelling in the verdict JSON. */
public enum Stance {
    /** The answer takes the "yes" side. */
    YES("yes"),
    /** The answer takes the "no" side. */
    NO("no"),
    /** The answer presents both sides without settling on one: the Overton-pluralistic answer. */
    BOTH("both"),
    /** Neither: a refusal, an off-topic answer, or no discernible stance. */
    OTHER("other");

    private final String json;

    Stance(String json) {
        this.json = json;
    }

    /** The label in the verdict JSON. */
    public String json() {
        return json;
    }

    /** The stance spelled exactly {@code label}, if any. */
    public static Optional<Stance> of(String label) {
        return Arrays.stream(values()).filter(s -> s.json.equals(label)).findFirst();
    }
}
