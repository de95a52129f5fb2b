package dev.hush.core;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link BlockList}: a snapshot of {@code blocked_ips} reloaded by {@link #refresh()}
 * and overlaid with this instance's own changes. A change made here is visible at once; one made
 * by another instance sharing the database appears at the next refresh.
 *
 * <p>Each local change carries a sequence number taken after its transaction committed. A refresh
 * notes the sequence before it queries, so it drops only the local changes its query is sure to
 * include, and a refresh that began before a wipe is discarded instead of reviving old blocks.
 */
public final class BlockCache implements BlockList {
    /** Loads the blocks in force at {@code now} from the database. */
    @FunctionalInterface
    public interface Source {
        List<Block> loadActive(Instant now);
    }

    /** A local change: a new block, or {@code block == null} for an IP just unblocked. */
    private record LocalChange(long sequence, Block block) {
    }

    private final Source source;
    private final Clock clock;
    private final Map<String, LocalChange> localChanges = new ConcurrentHashMap<>();
    private volatile Map<String, Block> snapshot = Map.of();
    private long sequence;
    private long wipedAtSequence;

    public BlockCache(Source source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public Optional<Block> find(String ip) {
        LocalChange change = localChanges.get(ip);
        Block block = change != null ? change.block() : snapshot.get(ip);
        if (block == null || !block.activeAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(block);
    }

    /** Records a block this instance has committed. */
    public synchronized void recordBlock(Block block) {
        localChanges.put(block.ip(), new LocalChange(++sequence, block));
    }

    /** Records that this instance has committed the removal of the IP's block. */
    public synchronized void recordUnblock(String ip) {
        localChanges.put(ip, new LocalChange(++sequence, null));
    }

    /** Records a committed wipe, which removed every block. */
    public synchronized void recordWipe() {
        wipedAtSequence = ++sequence;
        localChanges.clear();
        snapshot = Map.of();
    }

    /** Reloads the blocks in force from the database. */
    public void refresh() {
        long startedAt;
        synchronized (this) {
            startedAt = sequence;
        }

        List<Block> rows = source.loadActive(clock.instant());

        Map<String, Block> loaded = new HashMap<>();
        for (Block block : rows) {
            loaded.put(block.ip(), block);
        }
        synchronized (this) {
            if (wipedAtSequence > startedAt) {
                return;
            }
            snapshot = Map.copyOf(loaded);
            localChanges.values().removeIf(change -> change.sequence() <= startedAt);
        }
    }
}
