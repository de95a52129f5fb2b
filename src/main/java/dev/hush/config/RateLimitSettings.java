package dev.hush.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Per-IP token buckets: strict on unlock attempts, generous on the rest of the API. */
public record RateLimitSettings(
        @Min(1) @Max(1_000_000) int authPerMinute,
        @Min(1) @Max(1_000_000) int authBurst,
        @Min(1) @Max(1_000_000) int apiPerMinute,
        @Min(1) @Max(1_000_000) int apiBurst) {

    public static RateLimitSettings defaults() {
        return new RateLimitSettings(10, 5, 1200, 200);
    }
}
