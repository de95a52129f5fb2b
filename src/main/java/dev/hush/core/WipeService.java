package dev.hush.core;

import com.codahale.metrics.Counter;
import dev.hush.db.VaultStateDao;
import dev.hush.db.VaultStateRow;
import dev.hush.db.VaultWipeDao;
import dev.hush.db.VaultWipeDao.RowCounts;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties messages, threads, blocked_ips and auth_failures in one transaction, so a wipe is
 * all or nothing. The table locks wait at most {@link #LOCK_TIMEOUT} per attempt for writers to
 * finish, and a timed-out attempt is retried, so running requests are not cut off and new ones
 * are held up only briefly.
 *
 * <p>Every committed wipe adds one to the wipe generation in {@code vault_state}. An unlock attempt
 * notes the latest generation this instance has seen when the attempt arrives. If a later wipe has
 * committed by the time the attempt is judged, the attempt was aimed at a vault that no longer
 * exists, so it is not counted. Another instance's wipe is seen within {@link DefenseRefresh#INTERVAL},
 * and attempts arriving in that window are not counted either. Access tokens carry the generation
 * they were issued in, so a wipe also ends every session issued before it.
 */
public final class WipeService {
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final int MAX_ATTEMPTS = 10;
    private static final Set<String> RETRIED_SQL_STATES = Set.of(
            "55P03", // lock_not_available: lock_timeout expired
            "40P01"); // deadlock_detected
    private static final Logger LOGGER = LoggerFactory.getLogger(WipeService.class);

    /** A committed wipe: the rows it removed and the wipe generation it started. */
    private record Wipe(RowCounts removed, long generation) {
    }

    private final Jdbi jdbi;
    private final BlockCache blocks;
    private final Counter wipes;
    private final WipeGeneration knownGeneration;

    public WipeService(Jdbi jdbi, BlockCache blocks, Counter wipes, WipeGeneration knownGeneration) {
        this.jdbi = jdbi;
        this.blocks = blocks;
        this.wipes = wipes;
        this.knownGeneration = knownGeneration;
    }

    /** Wipes the vault unconditionally and returns the rows removed from each table. */
    public RowCounts wipe(String reason) {
        return jdbi.withHandle(handle -> wipe(handle, reason, -1)).orElseThrow();
    }

    /**
     * Wipes the vault on a handle with no open transaction, unless a wipe has committed since
     * {@code arrivalGeneration} was noted (pass -1 to wipe regardless). Returns the rows removed,
     * or empty when the wipe was skipped.
     */
    public Optional<RowCounts> wipe(Handle handle, String reason, long arrivalGeneration) {
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Wipe> wipe = handle.inTransaction(tx -> wipeOnce(tx, arrivalGeneration));
                wipe.ifPresent(committed -> afterWipe(reason, committed));
                return wipe.map(Wipe::removed);
            } catch (JdbiException e) {
                if (attempt >= MAX_ATTEMPTS || !isRetried(e)) {
                    LOGGER.error("Vault wipe failed: reason={} attempts={}", reason, attempt, e);
                    throw e;
                }
                LOGGER.warn("Vault wipe waiting for other transactions: reason={} attempt={}", reason, attempt);
                pause(attempt);
            }
        }
    }

    /** Returns the wipe generation this instance last saw committed. */
    public long knownGeneration() {
        return knownGeneration.current();
    }

    /** Returns whether a wipe committed after {@code arrivalGeneration}, as read inside {@code handle}. */
    public boolean wipedSince(Handle handle, long arrivalGeneration) {
        return generation(handle) > arrivalGeneration;
    }

    /** Takes in a generation read from the database, such as by a periodic refresh. */
    public void observeGeneration(long generation) {
        knownGeneration.observe(generation);
    }

    private Optional<Wipe> wipeOnce(Handle tx, long arrivalGeneration) {
        tx.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'");
        VaultWipeDao dao = tx.attach(VaultWipeDao.class);
        dao.lockTables();
        if (arrivalGeneration >= 0 && wipedSince(tx, arrivalGeneration)) {
            return Optional.empty();
        }
        RowCounts counts = dao.countRows();
        dao.truncate();
        long generation = tx.attach(VaultStateDao.class).nextWipeGeneration();
        return Optional.of(new Wipe(counts, generation));
    }

    private void afterWipe(String reason, Wipe wipe) {
        observeGeneration(wipe.generation());
        blocks.recordWipe();
        wipes.inc();
        LOGGER.warn("Vault wiped: reason={} generation={} removed {}", reason, wipe.generation(),
                wipe.removed().describe());
    }

    private static long generation(Handle handle) {
        return handle.attach(VaultStateDao.class).find().map(VaultStateRow::wipeGeneration).orElse(0L);
    }

    private static boolean isRetried(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && RETRIED_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 100L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry the wipe", e);
        }
    }
}
