package dev.hush.core;

import dev.hush.auth.TokenService;
import dev.hush.config.DefenseSettings;
import dev.hush.config.FailureMode;
import dev.hush.db.AuthFailureDao;
import dev.hush.db.BlockedIpDao;
import dev.hush.db.BlockedIpRow;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks unlock attempts against the vault's words and keeps the per-IP failure count. All
 * bookkeeping for one IP runs in one transaction under an advisory lock on that IP, so
 * concurrent attempts from one IP are judged one at a time and the count is exact.
 */
public final class UnlockService {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnlockService.class);

    private final Jdbi jdbi;
    private final byte[] authHash;
    private final DefenseSettings defense;
    private final TokenService tokens;
    private final Clock clock;

    public UnlockService(Jdbi jdbi, byte[] authHash, DefenseSettings defense, TokenService tokens,
            Clock clock) {
        this.jdbi = jdbi;
        this.authHash = authHash.clone();
        this.defense = defense;
        this.tokens = tokens;
        this.clock = clock;
    }

    public UnlockOutcome unlock(String words, String clientIp) {
        boolean correct = Words.matches(words, authHash);
        return jdbi.inTransaction(handle -> judge(handle, correct, clientIp));
    }

    private UnlockOutcome judge(Handle handle, boolean correct, String ip) {
        handle.execute("SELECT pg_advisory_xact_lock(hashtext(?))", "hush-unlock:" + ip);
        Instant now = clock.instant();
        BlockedIpDao blocks = handle.attach(BlockedIpDao.class);
        Optional<BlockedIpRow> block = blocks.findActive(ip, now);
        if (block.isPresent()) {
            Instant expiresAt = block.get().expiresAt();
            LOGGER.warn("Unlock refused: ip={} is blocked expires_at={}", ip,
                    expiresAt == null ? "never" : expiresAt);
            return new UnlockOutcome.Blocked(expiresAt);
        }

        AuthFailureDao failures = handle.attach(AuthFailureDao.class);
        if (correct) {
            failures.clear(ip);
            LOGGER.info("Vault unlocked: ip={}", ip);
            return new UnlockOutcome.Granted(tokens.issue());
        }

        int count = failures.increment(ip);
        int remaining = Math.max(0, defense.maxAuthFailures() - count);
        if (remaining > 0) {
            LOGGER.warn("Unlock failed: ip={} failures={} remaining_attempts={}", ip, count, remaining);
            return new UnlockOutcome.Rejected(remaining);
        }
        return applyPolicy(handle, ip, now, count);
    }

    private UnlockOutcome applyPolicy(Handle handle, String ip, Instant now, int count) {
        FailureMode mode = defense.failureMode();
        Instant expiresAt = mode == FailureMode.IP_TEMP ? now.plus(defense.ipBlockDuration()) : null;
        handle.attach(BlockedIpDao.class).block(ip, now, expiresAt, "too many failed unlocks");
        handle.attach(AuthFailureDao.class).clear(ip);
        LOGGER.warn("IP blocked after failed unlocks: ip={} failures={} mode={} expires_at={}", ip, count,
                mode.configName(), expiresAt == null ? "never" : expiresAt.toString());
        return new UnlockOutcome.Blocked(expiresAt);
    }
}
