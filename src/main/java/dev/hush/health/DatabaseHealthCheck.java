package dev.hush.health;

import com.codahale.metrics.health.HealthCheck;

/** The admin {@code /healthcheck} entry for the database. */
public final class DatabaseHealthCheck extends HealthCheck {
    private final DatabaseProbe probe;

    public DatabaseHealthCheck(DatabaseProbe probe) {
        this.probe = probe;
    }

    @Override
    protected Result check() {
        return probe.isReachable() ? Result.healthy("connected") : Result.unhealthy("unavailable");
    }
}
