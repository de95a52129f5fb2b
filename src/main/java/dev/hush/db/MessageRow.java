package dev.hush.db;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code messages}: an encrypted message, opaque to the server. */
public record MessageRow(UUID id, UUID threadId, byte[] ciphertext, byte[] iv, Instant createdAt) {
}
