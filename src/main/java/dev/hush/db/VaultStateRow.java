package dev.hush.db;

import jakarta.annotation.Nullable;

/**
 * The one row of {@code vault_state}: the operator's panic-mode switch (null until an operator
 * sets it, so PANIC_MODE applies) and the number of wipes committed so far.
 */
public record VaultStateRow(@Nullable Boolean panicMode, long wipeGeneration) {
}
