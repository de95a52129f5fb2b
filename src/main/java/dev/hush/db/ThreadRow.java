package dev.hush.db;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code threads}: an encrypted thread header, opaque to the server. */
public record ThreadRow(UUID id, byte[] ciphertext, byte[] iv, Instant createdAt) {
}
