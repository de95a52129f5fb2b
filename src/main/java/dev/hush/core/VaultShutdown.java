package dev.hush.core;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the process after a committed wipe; until it is gone, requests are refused. */
public final class VaultShutdown {
    private static final Logger LOGGER = LoggerFactory.getLogger(VaultShutdown.class);

    private final ProcessExit exit;
    private final AtomicBoolean started = new AtomicBoolean();

    public VaultShutdown(ProcessExit exit) {
        this.exit = exit;
    }

    /** Stops the process with {@link ProcessExit#AFTER_WIPE}; only the first call acts. */
    public void stopAfterWipe(String reason) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOGGER.error("Stopping the process after the vault wipe: reason={} exit_status={}", reason,
                ProcessExit.AFTER_WIPE);
        exit.exit(ProcessExit.AFTER_WIPE);
    }

    public boolean started() {
        return started.get();
    }
}
