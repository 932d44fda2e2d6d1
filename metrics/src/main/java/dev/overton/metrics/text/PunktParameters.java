package dev.overton.metrics.text;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The learned parameters of a Punkt sentence tokenizer (Kiss and Strunk 2006), as NLTK's {@code PunktParameters}:
 * abbreviation types, collocations, frequent sentence starters and orthographic contexts.
 *
 * <p>{@link #english()} is NLTK's pretrained English model, read from the project's own resources under
 * {@code /dev/overton/metrics/text/punkt-english/}. Those hold three of the model's four tables. The fourth, the
 * orthographic context of each word type (in which case and sentence position the training corpus saw it), is not
 * shipped (the reference copy of the model this project was built from lacks it): the English model's is empty here.
 * The LIMA-OE reference table is reproduced to its last printed digit without it, and filling it with the most
 * break-prone values instead moves no value by more than 0.0007 (see {@code LimaOeReferenceValuesTest}). On other text
 * it means that a capitalised common word after an abbreviation, ellipsis or initial is judged by the sentence-starter
 * list alone, and that a lowercase word after a number or initial never starts a sentence. A caller who has the table
 * can add it with {@link #withOrthoContext(Map)}.
 *
 * @param abbrevTypes lowercased abbreviations without their final period ({@code "mr"} for "Mr.")
 * @param collocations pairs of types where a period after the first does not end the sentence
 * @param sentenceStarters lowercased types that frequently start a sentence
 * @param orthoContext for each lowercased type, a bit set of the {@code ORTHO_*} contexts it was seen in
 */
public record PunktParameters(
        Set<String> abbrevTypes,
        Set<TypePair> collocations,
        Set<String> sentenceStarters,
        Map<String, Integer> orthoContext) {

    /** Orthographic context: beginning of a sentence, upper case. */
    public static final int ORTHO_BEG_UC = 1 << 1;
    /** Orthographic context: middle of a sentence, upper case. */
    public static final int ORTHO_MID_UC = 1 << 2;
    /** Orthographic context: unknown position, upper case. */
    public static final int ORTHO_UNK_UC = 1 << 3;
    /** Orthographic context: beginning of a sentence, lower case. */
    public static final int ORTHO_BEG_LC = 1 << 4;
    /** Orthographic context: middle of a sentence, lower case. */
    public static final int ORTHO_MID_LC = 1 << 5;
    /** Orthographic context: unknown position, lower case. */
    public static final int ORTHO_UNK_LC = 1 << 6;
    /** Seen with upper case anywhere. */
    public static final int ORTHO_UC = ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC;
    /** Seen with lower case anywhere. */
    public static final int ORTHO_LC = ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC;

    private static final String ENGLISH = "/dev/overton/metrics/text/punkt-english/";

    /** Two word types in sequence, the key of the collocation table. */
    public record TypePair(String first, String second) {}

    public PunktParameters {
        abbrevTypes = Set.copyOf(abbrevTypes);
        collocations = Set.copyOf(collocations);
        sentenceStarters = Set.copyOf(sentenceStarters);
        orthoContext = Map.copyOf(orthoContext);
    }

    private static final class English {
        private static final PunktParameters INSTANCE = load();

        private static PunktParameters load() {
            Set<TypePair> collocations = new HashSet<>();
            for (String line : ResourceLines.read(ENGLISH + "collocations.txt")) {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    throw new IllegalStateException("Bad collocation entry (want two types and one space): " + line);
                }
                collocations.add(new TypePair(line.substring(0, space), line.substring(space + 1)));
            }
            return new PunktParameters(
                    Set.copyOf(ResourceLines.read(ENGLISH + "abbrev-types.txt")),
                    collocations,
                    Set.copyOf(ResourceLines.read(ENGLISH + "sentence-starters.txt")),
                    Map.of());
        }
    }

    /** NLTK's pretrained English parameters (without orthographic contexts, see the class comment). */
    public static PunktParameters english() {
        return English.INSTANCE;
    }

    /** The orthographic-context bits of {@code type}, 0 when never seen. */
    public int ortho(String type) {
        return orthoContext.getOrDefault(type, 0);
    }

    /** A copy of these parameters with {@code orthoContext} instead of the current table. */
    public PunktParameters withOrthoContext(Map<String, Integer> orthoContext) {
        return new PunktParameters(abbrevTypes, collocations, sentenceStarters, orthoContext);
    }
}
