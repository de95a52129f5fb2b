package dev.hush.core;

import dev.hush.db.VaultStateDao;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether any failed unlock wipes the vault and stops the process. PANIC_MODE sets the default;
 * an operator's switch through the admin task is stored in {@code vault_state} and wins, also
 * after restarts and on every instance sharing the database.
 */
public final class PanicMode {
    private static final Logger LOGGER = LoggerFactory.getLogger(PanicMode.class);

    private final Jdbi jdbi;
    private final boolean configured;
    private volatile Boolean stored;
    private long localChanges;

    public PanicMode(Jdbi jdbi, boolean configured) {
        this.jdbi = jdbi;
        this.configured = configured;
    }

    public boolean enabled() {
        Boolean operatorChoice = stored;
        return operatorChoice != null ? operatorChoice : configured;
    }

    /** Stores the operator's choice, which then overrides PANIC_MODE. */
    public synchronized void set(boolean enabled) {
        jdbi.useExtension(VaultStateDao.class, dao -> dao.setPanicMode(enabled));
        stored = enabled;
        localChanges++;
        LOGGER.warn("Panic mode switched by the operator: enabled={}", enabled);
    }

    /** Returns a mark to pass to {@link #observe}, taken before reading the database. */
    public synchronized long readMark() {
        return localChanges;
    }

    /**
     * Takes in the stored switch as read from the database (null means PANIC_MODE applies),
     * unless this instance changed it after {@code readMark} was taken.
     */
    public synchronized void observe(Boolean storedChoice, long readMark) {
        if (readMark == localChanges) {
            stored = storedChoice;
        }
    }

    /** Returns a line such as {@code enabled=true (set by an operator; PANIC_MODE=false)}. */
    public String describe() {
        Boolean operatorChoice = stored;
        String source = operatorChoice == null ? "from PANIC_MODE" : "set by an operator; PANIC_MODE=" + configured;
        return "enabled=" + enabled() + " (" + source + ")";
    }
}
