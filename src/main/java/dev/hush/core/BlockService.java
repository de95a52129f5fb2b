package dev.hush.core;

import dev.hush.db.AuthFailureDao;
import dev.hush.db.BlockedIpDao;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and lifts IP blocks in {@code blocked_ips}, keeping this instance's cache in step. */
public final class BlockService {
    private static final Logger LOGGER = LoggerFactory.getLogger(BlockService.class);

    private final Jdbi jdbi;
    private final BlockCache cache;
    private final Clock clock;

    /** The result of lifting a block: whether a block was in force, and the failures cleared. */
    public record Unblocked(boolean wasBlocked, int failuresCleared) {
    }

    public BlockService(Jdbi jdbi, BlockCache cache, Clock clock) {
        this.jdbi = jdbi;
        this.cache = cache;
        this.clock = clock;
    }

    /** Returns the blocks in force now, read from the database, so other instances' count too. */
    public List<Block> loadActive() {
        return loadActive(jdbi, clock.instant());
    }

    /** Returns the blocks in force at {@code now}, with addresses in canonical form. */
    public static List<Block> loadActive(Jdbi jdbi, Instant now) {
        return jdbi.withExtension(BlockedIpDao.class, dao -> dao.findAllActive(now)).stream()
                .map(row -> new Block(IpRange.canonical(row.ipAddress()).orElse(row.ipAddress()),
                        row.expiresAt()))
                .toList();
    }

    /** Removes the IP's block and failure count; {@code ip} must be canonical. */
    public Unblocked unblock(String ip) {
        Instant now = clock.instant();
        Unblocked result = jdbi.inTransaction(handle -> {
            BlockedIpDao blocks = handle.attach(BlockedIpDao.class);
            boolean wasBlocked = blocks.findActive(ip, now).isPresent();
            blocks.unblock(ip);
            int failures = handle.attach(AuthFailureDao.class).count(ip);
            handle.attach(AuthFailureDao.class).clear(ip);
            return new Unblocked(wasBlocked, failures);
        });
        cache.recordUnblock(ip);
        LOGGER.warn("IP unblocked by the operator: ip={} was_blocked={} failures_cleared={}", ip,
                result.wasBlocked(), result.failuresCleared());
        return result;
    }
}
