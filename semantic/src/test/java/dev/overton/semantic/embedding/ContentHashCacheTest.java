package dev.overton.semantic.embedding;

import static org.assertj.core.api.Assertions.assertThat;

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
}
