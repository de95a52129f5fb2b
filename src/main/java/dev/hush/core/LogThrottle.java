package dev.hush.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a repeated warning through at most once per interval and counts the repeats it held
 * back, so an outage that fails every request does not flood the log.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private final AtomicLong nextLine = new AtomicLong(System.nanoTime());
    private final AtomicInteger suppressed = new AtomicInteger();

    public LogThrottle(long interval, TimeUnit unit) {
        this.intervalNanos = unit.toNanos(interval);
    }

    /**
     * Returns the number of repeats held back since the last line when a line is due now, or -1
     * after counting this call as held back.
     */
    public int tryLog() {
        long now = System.nanoTime();
        long next = nextLine.get();
        if (now - next >= 0 && nextLine.compareAndSet(next, now + intervalNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}
