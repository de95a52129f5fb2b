package dev.hush.db;

import jakarta.annotation.Nullable;
import java.time.Instant;

/** One row of {@code blocked_ips}; a null {@code expiresAt} is a permanent block. */
public record BlockedIpRow(String ipAddress, Instant blockedAt, @Nullable Instant expiresAt,
        String reason) {

    public boolean permanent() {
        return expiresAt == null;
    }
}
