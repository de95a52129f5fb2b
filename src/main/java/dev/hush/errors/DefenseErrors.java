package dev.hush.errors;

import dev.hush.core.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The errors a client gets from the vault's defense: blocked, rate limited, shutting down. */
public final class DefenseErrors {
    private DefenseErrors() {
    }

    /** Builds the 403 a blocked IP gets from every {@code /api} request; null means permanent. */
    public static ApiException ipBlocked(Instant expiresAt) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("expires_at", Timestamps.format(expiresAt));
        String message = expiresAt == null
                ? "This address is blocked after too many failed unlocks"
                : "This address is blocked after too many failed unlocks; try again after expires_at";
        return new ApiException(403, "ip_blocked", message, extra);
    }

    /** Builds the 429 for an IP over its rate limit. */
    public static ApiException rateLimited(Duration retryAfter) {
        return new ApiException(429, "rate_limited",
                "Too many requests from this address; retry after " + retryAfterSeconds(retryAfter) + " s");
    }

    /** Returns the whole seconds to put in Retry-After: the wait rounded up, at least 1. */
    public static long retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    public static ApiException shuttingDown() {
        return new ApiException(503, "unavailable", "The server is shutting down");
    }
}
