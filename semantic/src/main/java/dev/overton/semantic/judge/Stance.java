package dev.overton.semantic.judge;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The stance labels of the stance judge; each is spelled as its lower-case name in the verdict JSON. */
public enum Stance {
    /** The answer takes the "yes" side. */
    YES,
    /** The answer takes the "no" side. */
    NO,
    /** The answer presents both sides without settling on one: the Overton-pluralistic answer. */
    BOTH,
    /** Neither: a refusal, an off-topic answer, or no discernible stance. */
    OTHER;

    /** The label in the verdict JSON: the lower-case name. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stance spelled exactly {@code label}, if any. */
    public static Optional<Stance> of(String label) {
        return Arrays.stream(values()).filter(s -> s.json().equals(label)).findFirst();
    }
}
