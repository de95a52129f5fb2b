package dev.hush.core;

import dev.hush.auth.TokenService;
import dev.hush.config.DefenseSettings;
import dev.hush.config.FailureMode;
import dev.hush.db.AuthFailureDao;
import dev.hush.db.BlockedIpDao;
import dev.hush.db.BlockedIpRow;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks unlock attempts against the vault's words, keeps the per-IP failure count and applies
 * the failure policy. Attempts from one IP take turns under a PostgreSQL advisory lock on that IP.
 * The lock is held from before the attempt is judged until any wipe it causes has committed. So
 * the count is exact across threads and instances, and the policy acts once per threshold crossing.
 */
public final class UnlockService {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnlockService.class);
    private static final String LOCK_PREFIX = "hush-unlock:";

    private final Jdbi jdbi;
    private final byte[] authHash;
    private final TokenService tokens;
    private final Defense defense;
    private final DefenseSettings settings;

    /** The step to take after the judging transaction has committed. */
    private enum Action { NONE, RECORD_BLOCK, WIPE, WIPE_AND_STOP }

    private record Verdict(UnlockOutcome outcome, Action action) {
    }

    public UnlockService(Jdbi jdbi, byte[] authHash, TokenService tokens, Defense defense) {
        this.jdbi = jdbi;
        this.authHash = authHash.clone();
        this.tokens = tokens;
        this.defense = defense;
        this.settings = defense.settings();
    }

    /** Judges one attempt from a canonical client IP and applies the failure policy. */
    public UnlockOutcome unlock(String words, String clientIp) {
        boolean correct = Words.matches(words, authHash);
        long arrivalGeneration = defense.wipes().knownGeneration();
        String lockKey = LOCK_PREFIX + clientIp;

        return jdbi.withHandle(handle -> {
            handle.execute("SELECT pg_advisory_lock(hashtext(?))", lockKey);
            try {
                Verdict verdict = handle.inTransaction(tx -> judge(tx, correct, clientIp, arrivalGeneration));
                carryOut(handle, verdict, clientIp, arrivalGeneration);
                return verdict.outcome();
            } finally {
                handle.execute("SELECT pg_advisory_unlock(hashtext(?))", lockKey);
            }
        });
    }

    private Verdict judge(Handle tx, boolean correct, String ip, long arrivalGeneration) {
        if (defense.wipes().wipedSince(tx, arrivalGeneration)) {
            LOGGER.info("Unlock attempt not counted, the vault was wiped while it waited: ip={}", ip);
            return correct ? granted(ip) : new Verdict(new UnlockOutcome.Rejected(settings.maxAuthFailures()),
                    Action.NONE);
        }

        Instant now = defense.clock().instant();
        Optional<BlockedIpRow> block = tx.attach(BlockedIpDao.class).findActive(ip, now);
        if (block.isPresent()) {
            LOGGER.debug("Unlock refused, the IP is blocked: ip={}", ip);
            // The block may come from another instance whose change this one has not loaded yet.
            defense.blocks().recordBlock(new Block(ip, block.get().expiresAt()));
            return new Verdict(new UnlockOutcome.Blocked(block.get().expiresAt()), Action.NONE);
        }

        AuthFailureDao failures = tx.attach(AuthFailureDao.class);
        if (correct) {
            failures.clear(ip);
            return granted(ip);
        }

        int count = failures.increment(ip);
        defense.metrics().unlockFailures().inc();
        if (defense.panicMode().enabled()) {
            LOGGER.warn("Unlock failed in panic mode: ip={} failures={}", ip, count);
            return new Verdict(new UnlockOutcome.Rejected(0), Action.WIPE_AND_STOP);
        }
        int remaining = Math.max(0, settings.maxAuthFailures() - count);
        if (remaining > 0) {
            LOGGER.warn("Unlock failed: ip={} failures={} remaining_attempts={}", ip, count, remaining);
            return new Verdict(new UnlockOutcome.Rejected(remaining), Action.NONE);
        }
        return applyPolicy(tx, ip, now, count);
    }

    private Verdict granted(String ip) {
        defense.metrics().unlockSuccesses().inc();
        LOGGER.info("Vault unlocked: ip={}", ip);
        return new Verdict(new UnlockOutcome.Granted(tokens.issue()), Action.NONE);
    }

    private Verdict applyPolicy(Handle tx, String ip, Instant now, int count) {
        FailureMode mode = settings.failureMode();
        LOGGER.warn("Unlock failed, threshold reached: ip={} failures={} failure_mode={}", ip, count,
                mode.configName());
        if (mode.wipes()) {
            Action action = mode == FailureMode.DB_WIPE_SHUTDOWN ? Action.WIPE_AND_STOP : Action.WIPE;
            return new Verdict(new UnlockOutcome.Rejected(0), action);
        }

        Instant expiresAt = mode == FailureMode.IP_TEMP ? now.plus(settings.ipBlockDuration()) : null;
        tx.attach(BlockedIpDao.class).block(ip, now, expiresAt, "too many failed unlocks");
        tx.attach(AuthFailureDao.class).clear(ip);
        LOGGER.warn("IP blocked after failed unlocks: ip={} expires_at={}", ip,
                expiresAt == null ? "never" : Timestamps.format(expiresAt));
        return new Verdict(new UnlockOutcome.Blocked(expiresAt), Action.RECORD_BLOCK);
    }

    /** Carries out the committed verdict's action, still under the IP's advisory lock. */
    private void carryOut(Handle handle, Verdict verdict, String ip, long arrivalGeneration) {
        switch (verdict.action()) {
            case NONE -> {
            }
            case RECORD_BLOCK -> {
                Instant expiresAt = ((UnlockOutcome.Blocked) verdict.outcome()).expiresAt();
                defense.blocks().recordBlock(new Block(ip, expiresAt));
                defense.metrics().blocks().inc();
            }
            case WIPE -> wipe(handle, ip, arrivalGeneration);
            case WIPE_AND_STOP -> {
                if (wipe(handle, ip, arrivalGeneration)) {
                    defense.shutdown().stopAfterWipe("failed unlock from ip=" + ip);
                }
            }
        }
    }

    /**
     * Wipes the vault unless a wipe committed since the attempt arrived, and returns whether the
     * vault is now wiped. A failed wipe leaves the failure count at the threshold, so the IP's next
     * failure tries again.
     */
    private boolean wipe(Handle handle, String ip, long arrivalGeneration) {
        try {
            defense.wipes().wipe(handle, "failed unlocks from ip=" + ip, arrivalGeneration);
            return true;
        } catch (JdbiException e) {
            LOGGER.error("Vault wipe after failed unlocks did not commit; the next failure retries: ip={}", ip);
            return false;
        }
    }
}
