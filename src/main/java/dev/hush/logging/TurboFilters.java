package dev.hush.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** Adds logback turbo filters once per logging context; each app start may have reset logging. */
public final class TurboFilters {
    private TurboFilters() {
    }

    /** Starts and adds the filter under {@code name} unless a filter of that name is present. */
    public static void installOnce(String name, Supplier<? extends TurboFilter> factory) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        boolean present = context.getTurboFilterList().stream()
                .anyMatch(filter -> name.equals(filter.getName()));
        if (!present) {
            TurboFilter filter = factory.get();
            filter.setName(name);
            filter.start();
            context.addTurboFilter(filter);
        }
    }
}
