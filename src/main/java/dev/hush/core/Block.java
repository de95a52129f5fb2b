package dev.hush.core;

import jakarta.annotation.Nullable;
import java.time.Instant;

/** A client IP refused on every {@code /api} and {@code /ws} request until {@code expiresAt}. */
public record Block(String ip, @Nullable Instant expiresAt) {

    /** Returns whether the block is in force at {@code now}; a permanent block always is. */
    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    public boolean permanent() {
        return expiresAt == null;
    }
}
