package dev.hush.core;

import dev.hush.config.DefenseSettings;
import java.time.Clock;

/** The shared parts of the vault's defense, built once at start-up and handed to their users. */
public record Defense(
        DefenseSettings settings,
        Clock clock,
        BlockCache blocks,
        BlockService blockService,
        RateLimiter rateLimiter,
        WipeService wipes,
        PanicMode panicMode,
        VaultShutdown shutdown,
        DefenseMetrics metrics) {
}
