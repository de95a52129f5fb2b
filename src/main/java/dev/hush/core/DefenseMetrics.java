package dev.hush.core;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/** The security counters served on the admin port's {@code /metrics}. */
public record DefenseMetrics(Counter unlockSuccesses, Counter unlockFailures, Counter blocks,
        Counter wipes) {

    public static DefenseMetrics register(MetricRegistry registry) {
        return new DefenseMetrics(
                registry.counter("hush.unlock.success"),
                registry.counter("hush.unlock.failure"),
                registry.counter("hush.blocks"),
                registry.counter("hush.wipes"));
    }
}
