package dev.hush.core;

/**
 * One client's token bucket: holds up to {@code capacity} tokens and regains them at a steady
 * rate. Times are in nanoseconds from one monotonic ticker.
 */
final class TokenBucket {
    /** Absorbs rounding, so a refill that is exactly one token by the rate counts as one. */
    private static final double EPSILON = 1e-9;

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(int capacity, double tokensPerNano, long now) {
        this.capacity = capacity;
        this.tokensPerNano = tokensPerNano;
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes one token and returns 0, or returns the nanoseconds until one will be available. */
    synchronized long tryTake(long now) {
        long elapsed = Math.max(0, now - updatedAt);
        tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
        updatedAt = now;
        if (tokens >= 1 - EPSILON) {
            tokens = Math.max(0, tokens - 1);
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }
}
