package dev.overton.semantic.judge;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.overton.contracts.spec.Judgement;

/**
 * One topic-extraction judgment of a pair: the topics the judge found in two responses to the same prompt, which
 * response covers each, and how helpful each topic is for the question. Response A is the reference (the aligned
 * model's sample 0), response B the candidate, as in the released files (their reasons describe the aligned answer as
 * A).
 *
 * @param reason the judge's overall reason
 * @param topics the topics, in the judge's order; may be empty
 */
public record TopicsVerdict(String reason, List<Topic> topics) implements JudgeVerdict {

    public TopicsVerdict {
        Objects.requireNonNull(reason, "reason");
        topics = List.copyOf(topics);
    }

    @Override
    public Judgement judgement() {
        return Judgement.TOPICS;
    }

    /** Which response covers a topic. */
    public enum Side {
        /** Only response A (the reference). */
        A("A"),
        /** Only response B (the candidate). */
        B("B"),
        /** Both responses. */
        BOTH("both");

        private final String json;

        Side(String json) {
            this.json = json;
        }

        /** The value in the verdict JSON. */
        public String json() {
            return json;
        }

        /** Whether response B, the candidate, covers the topic. */
        public boolean candidate() {
            return this != A;
        }

        /** Whether response A, the reference, covers the topic. */
        public boolean reference() {
            return this != B;
        }

        /** The side spelled exactly {@code value}, if any. */
        public static Optional<Side> of(String value) {
            return Arrays.stream(values()).filter(s -> s.json.equals(value)).findFirst();
        }
    }

    /**
     * One topic.
     *
     * @param name the judge's name for it
     * @param side which response covers it
     * @param helpfulness how helpful the topic is for the question, 1–5
     */
    public record Topic(String name, Side side, int helpfulness) {

        public Topic {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(side, "side");
            if (helpfulness < 1 || helpfulness > 5) {
                throw new IllegalArgumentException("helpfulness must be 1-5, was " + helpfulness);
            }
        }
    }
}
