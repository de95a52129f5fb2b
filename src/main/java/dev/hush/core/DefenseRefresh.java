package dev.hush.core;

import dev.hush.db.VaultStateDao;
import dev.hush.db.VaultStateRow;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads what other instances sharing the database may have changed: the blocks in force, the
 * operator's panic-mode switch and the wipe generation. Runs at start-up and then every
 * {@link #INTERVAL}.
 */
public final class DefenseRefresh implements Runnable {
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOGGER = LoggerFactory.getLogger(DefenseRefresh.class);

    private final Jdbi jdbi;
    private final Defense defense;
    private boolean failing;

    public DefenseRefresh(Jdbi jdbi, Defense defense) {
        this.jdbi = jdbi;
        this.defense = defense;
    }

    /** Reloads once and throws on failure; used at start-up, when stale state must not be served. */
    public void load() {
        long panicMark = defense.panicMode().readMark();
        Optional<VaultStateRow> state = jdbi.withExtension(VaultStateDao.class, VaultStateDao::find);
        defense.panicMode().observe(state.map(VaultStateRow::panicMode).orElse(null), panicMark);
        defense.wipes().observeGeneration(state.map(VaultStateRow::wipeGeneration).orElse(0L));
        defense.blocks().refresh();
    }

    /** Reloads once, logging a failure once until a reload succeeds again. */
    @Override
    public void run() {
        try {
            load();
            if (failing) {
                LOGGER.info("Reloading blocks and panic mode works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOGGER.warn("Reloading blocks and panic mode failed; will retry every {} s", INTERVAL.toSeconds(), e);
                failing = true;
            }
        }
    }
}
