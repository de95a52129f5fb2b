package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.config.RateLimitSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(new RateLimitSettings(10, 3, 600, 5), nanos::get);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void burstThenRefused() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9")).isZero();
        }

        Duration wait = limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9");

        assertThat(wait).isPositive();
        assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void refillsAtConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9");
        }

        advance(Duration.ofSeconds(5));
        assertThat(limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9")).isPositive();
        advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9")).isZero();
        assertThat(limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9")).isPositive();
    }

    @Test
    void bucketsArePerIpAndPerKind() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9");
        }

        assertThat(limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9")).isPositive();
        assertThat(limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.10")).isZero();
        assertThat(limiter.tryAcquireApi("203.0.113.9")).isTrue();
    }

    @Test
    void apiBucketHasItsOwnBurst() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquireApi("2001:db8::1")).isTrue();
        }

        assertThat(limiter.tryAcquireApi("2001:db8::1")).isFalse();
        advance(Duration.ofMillis(100));
        assertThat(limiter.tryAcquireApi("2001:db8::1")).isTrue();
    }

    @Test
    void idleBucketComesBackFull() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9");
        }

        advance(Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9")).isZero();
        }
        assertThat(limiter.tryAcquire(RateLimiter.Kind.AUTH, "203.0.113.9")).isPositive();
    }
}
