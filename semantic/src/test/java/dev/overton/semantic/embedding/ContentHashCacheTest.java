package dev.overton.semantic.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContentHashCacheTest {

    @Test
    void keyIsTheSha256OfTheUtf8Text() {
        // FIPS 180-2 test vector: SHA-256("abc").
        assertThat(ContentHashCache.key("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void evictsTheLeastRecentlyUsedEntriesOnceTheWeightBoundIsPassed() {
        ContentHashCache<float[]> cache = new ContentHashCache<>(10, v -> v.length);
        cache.putByKey("a", new float[4]);
        cache.putByKey("b", new float[4]);
        cache.getByKey("a");

        cache.putByKey("c", new float[4]);

        assertThat(cache.getByKey("a")).isNotNull();
        assertThat(cache.getByKey("b")).isNull();
        assertThat(cache.getByKey("c")).isNotNull();
        assertThat(cache.weight()).isEqualTo(8);
    }

    @Test
    void doesNotKeepAValueHeavierThanTheWholeBound() {
        ContentHashCache<float[]> cache = new ContentHashCache<>(10, v -> v.length);
        cache.putByKey("small", new float[3]);

        cache.putByKey("huge", new float[11]);

        assertThat(cache.getByKey("huge")).isNull();
        assertThat(cache.getByKey("small")).isNotNull();
    }

    @Test
    void replacingAnEntryDoesNotCountItsWeightTwice() {
        ContentHashCache<float[]> cache = new ContentHashCache<>(10, v -> v.length);
        cache.putByKey("a", new float[4]);

        cache.putByKey("a", new float[6]);

        assertThat(cache.weight()).isEqualTo(6);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void countsHitsAndMisses() {
        ContentHashCache<float[]> cache = new ContentHashCache<>(10, v -> v.length);
        cache.putByKey("a", new float[1]);

        cache.getByKey("a");
        cache.getByKey("b");

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void getAllComputesEachMissingTextOnceInOneCallAndKeepsTheOrder() {
        ContentHashCache<String> cache = new ContentHashCache<>(100, v -> 1);
        cache.putByKey(ContentHashCache.key("cached"), "CACHED");
        List<List<String>> calls = new ArrayList<>();

        List<String> values = cache.getAll(List.of("b", "cached", "a", "b"), missing -> {
            calls.add(missing);
            return missing.stream().map(String::toUpperCase).toList();
        });

        assertThat(values).containsExactly("B", "CACHED", "A", "B");
        assertThat(calls).containsExactly(List.of("b", "a"));
        assertThat(cache.getByKey(ContentHashCache.key("a"))).isEqualTo("A");
    }

    @Test
    void getAllDoesNotComputeWhenEverythingIsCached() {
        ContentHashCache<String> cache = new ContentHashCache<>(100, v -> 1);
        cache.putByKey(ContentHashCache.key("x"), "X");

        List<String> values = cache.getAll(List.of("x", "x"), missing -> {
            throw new AssertionError("nothing is missing, yet compute was called with " + missing);
        });

        assertThat(values).containsExactly("X", "X");
    }
}
