package dev.hush.core;

import dev.hush.auth.TokenService.IssuedToken;
import java.time.Instant;

/** The result of one unlock attempt. */
public sealed interface UnlockOutcome {
    /** The words matched: here is a token. */
    record Granted(IssuedToken token) implements UnlockOutcome {
    }

    /** The words did not match; the IP may try {@code remainingAttempts} more times. */
    record Rejected(int remainingAttempts) implements UnlockOutcome {
    }

    /** The IP is blocked until {@code expiresAt}, or for good when it is null. */
    record Blocked(Instant expiresAt) implements UnlockOutcome {
    }
}
