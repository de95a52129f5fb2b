package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BlockCacheTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final List<Block> database = new ArrayList<>();
    private Runnable duringLoad = () -> { };
    private final BlockCache cache = new BlockCache(at -> {
        List<Block> rows = List.copyOf(database);
        duringLoad.run();
        return rows;
    }, clock);

    @Test
    void refreshLoadsOtherInstancesBlocks() {
        database.add(new Block("203.0.113.9", null));

        assertThat(cache.find("203.0.113.9")).isEmpty();
        cache.refresh();

        assertThat(cache.find("203.0.113.9")).hasValue(new Block("203.0.113.9", null));
    }

    @Test
    void localBlockIsVisibleAtOnce() {
        cache.recordBlock(new Block("203.0.113.9", NOW.plusSeconds(60)));

        assertThat(cache.find("203.0.113.9")).isPresent();
    }

    @Test
    void blockExpiresOnTime() {
        cache.recordBlock(new Block("203.0.113.9", NOW.plusSeconds(60)));

        now.set(NOW.plusSeconds(59));
        assertThat(cache.find("203.0.113.9")).isPresent();
        now.set(NOW.plusSeconds(60));
        assertThat(cache.find("203.0.113.9")).isEmpty();
    }

    @Test
    void refreshStartedBeforeLocalBlockKeepsIt() {
        duringLoad = () -> cache.recordBlock(new Block("203.0.113.9", null));

        cache.refresh();

        assertThat(cache.find("203.0.113.9")).isPresent();
    }

    @Test
    void unblockHidesStaleSnapshotRow() {
        database.add(new Block("203.0.113.9", null));
        cache.refresh();

        cache.recordUnblock("203.0.113.9");

        assertThat(cache.find("203.0.113.9")).isEmpty();
    }

    @Test
    void refreshStartedBeforeWipeIsDiscarded() {
        database.add(new Block("203.0.113.9", null));
        duringLoad = cache::recordWipe;

        cache.refresh();

        assertThat(cache.find("203.0.113.9")).isEmpty();
        duringLoad = () -> { };
        database.clear();
        cache.refresh();
        assertThat(cache.find("203.0.113.9")).isEmpty();
    }
}
