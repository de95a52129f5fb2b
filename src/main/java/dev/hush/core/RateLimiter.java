package dev.hush.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.hush.config.RateLimitSettings;
import java.time.Duration;

/**
 * Per-IP token buckets: a strict one for unlock attempts and a generous one for the rest of the
 * API and WebSocket upgrades. A bucket left idle long enough to refill completely is dropped,
 * which loses nothing, and the number of buckets is capped, so a flood from many addresses
 * cannot grow memory without bound.
 *
 * <p>NOTE: past {@link #MAX_TRACKED_IPS} addresses per kind, Caffeine evicts buckets it expects to
 * be least used, and an evicted client starts again with a full bucket.
 */
public final class RateLimiter {
    /** The bucket a request draws from. */
    public enum Kind {
        /** {@code POST /api/auth}: unlock attempts. */
        AUTH,
        /** Every other {@code /api} request and {@code /ws} upgrades. */
        API
    }

    static final long MAX_TRACKED_IPS = 100_000;
    private static final Duration MIN_IDLE_EXPIRY = Duration.ofMinutes(1);

    private final Ticker ticker;
    private final Limit auth;
    private final Limit api;

    private record Limit(int burst, double tokensPerNano, Cache<String, TokenBucket> buckets) {
    }

    public RateLimiter(RateLimitSettings settings) {
        this(settings, Ticker.systemTicker());
    }

    public RateLimiter(RateLimitSettings settings, Ticker ticker) {
        this.ticker = ticker;
        this.auth = limit(settings.authBurst(), settings.authPerMinute(), ticker);
        this.api = limit(settings.apiBurst(), settings.apiPerMinute(), ticker);
    }

    /** Takes a token for the IP and returns zero, or returns how long the IP must wait for one. */
    public Duration tryAcquire(Kind kind, String ip) {
        Limit limit = kind == Kind.AUTH ? auth : api;
        long now = ticker.read();
        TokenBucket bucket = limit.buckets().get(ip,
                key -> new TokenBucket(limit.burst(), limit.tokensPerNano(), now));
        return Duration.ofNanos(bucket.tryTake(now));
    }

    /** Takes a token from the IP's generous bucket; false means the request should be refused. */
    public boolean tryAcquireApi(String ip) {
        return tryAcquire(Kind.API, ip).isZero();
    }

    private static Limit limit(int burst, int perMinute, Ticker ticker) {
        double tokensPerNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        Duration refillTime = Duration.ofNanos((long) Math.ceil(burst / tokensPerNano));
        Duration idleExpiry = refillTime.compareTo(MIN_IDLE_EXPIRY) > 0 ? refillTime : MIN_IDLE_EXPIRY;
        Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(idleExpiry)
                .maximumSize(MAX_TRACKED_IPS)
                .build();
        return new Limit(burst, tokensPerNano, buckets);
    }
}
