package dev.overton.icl.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.overton.icl.prompts.IclExample;

/**
 * {@code k} distinct examples drawn uniformly from the pool. The draw for a prompt depends only on the seed and the
 * prompt id (not on the order prompts are built in), so a rebuilt prompt gets the same examples.
 */
public final class RandomSelector implements ExampleSelector {

    private final List<IclExample> pool;
    private final long seed;

    /**
     * @param pool the candidate examples
     * @param seed the recorded seed
     */
    public RandomSelector(List<IclExample> pool, long seed) {
        this.pool = List.copyOf(pool);
        this.seed = seed;
    }

    @Override
    public List<IclExample> select(String promptId, String queryText, int k) {
        List<IclExample> candidates = new ArrayList<>(pool.stream()
                .filter(e -> ExampleSelector.allowedFor(e, promptId, queryText))
                .toList());
        SplittableRandom random = new SplittableRandom(seed * 31 + promptId.hashCode());
        int wanted = Math.min(k, candidates.size());
        // Partial Fisher-Yates: the first `wanted` positions end up a uniform sample in draw order.
        for (int i = 0; i < wanted; i++) {
            int j = i + random.nextInt(candidates.size() - i);
            IclExample swap = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, swap);
        }
        return List.copyOf(candidates.subList(0, wanted));
    }

    @Override
    public String describe() {
        return "random(seed=" + seed + ", pool=" + pool.size() + ")";
    }
}
