package dev.overton.icl.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class TfIdfEmbedderTest {

    private static final double DELTA = 1e-6;

    @Test
    void cosineFollowsSmoothedIdfWeights() {
        // N = 2. "apple" is in both texts: idf = ln(3/3) + 1 = 1; "banana" and "cherry" in one: idf = ln(3/2) + 1
        // = 1.405465. Cosine = 1 / (1 + 1.405465^2) = 0.336097 (worked by hand; matches scikit-learn's
        // TfidfVectorizer(sublinear_tf=True) on the same texts).
        List<double[]> v = new TfIdfEmbedder().embed(List.of("Apple banana", "apple, cherry!"));

        assertThat(NearestNeighbourSelector.cosine(v.get(0), v.get(1))).isCloseTo(0.336097, within(DELTA));
        assertThat(NearestNeighbourSelector.cosine(v.get(0), v.get(0))).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void stopwordsAndSingleCharactersCarryNoWeight() {
        List<double[]> v = new TfIdfEmbedder().embed(List.of("the cat", "a cat is here", "x y z"));

        assertThat(NearestNeighbourSelector.cosine(v.get(0), v.get(1))).isCloseTo(1.0, within(DELTA));
        assertThat(v.get(2)).containsOnly(0.0);
    }
}
