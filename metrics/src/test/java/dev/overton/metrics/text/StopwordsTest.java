package dev.overton.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The list is NLTK's {@code stopwords.words('english')}: 179 entries, lowercase, including clitic forms. */
class StopwordsTest {

    @Test
    void englishListHas179Words() {
        assertThat(Stopwords.english().size()).isEqualTo(179);
        assertThat(Stopwords.english().words()).hasSize(179);
    }

    @Test
    void containsFunctionWordsAndClitics() {
        Stopwords stopwords = Stopwords.english();
        assertThat(stopwords.contains("the")).isTrue();
        assertThat(stopwords.contains("don't")).isTrue();
        assertThat(stopwords.contains("don")).isTrue();
        assertThat(stopwords.contains("s")).isTrue();
        assertThat(stopwords.contains("wouldn't")).isTrue();
    }

    @Test
    void membershipIsCaseSensitive() {
        Stopwords stopwords = Stopwords.english();
        assertThat(stopwords.contains("The")).isFalse();
        assertThat(stopwords.contains("I")).isFalse();
        assertThat(stopwords.contains("i")).isTrue();
    }

    @Test
    void treebankCliticsAreNotOnTheList() {
        // word_tokenize yields "n't" and "'s"; the list has "t" and "s", so these survive the filter as in the paper.
        assertThat(Stopwords.english().contains("n't")).isFalse();
        assertThat(Stopwords.english().contains("'s")).isFalse();
        assertThat(Stopwords.english().contains("cat")).isFalse();
    }
}
