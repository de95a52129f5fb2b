package dev.hush.db;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Data access for {@code vault_state}, a table of one row that wipes leave in place. */
@RegisterConstructorMapper(VaultStateRow.class)
public interface VaultStateDao {
    @SqlQuery("SELECT panic_mode, wipe_generation FROM vault_state WHERE id = 1")
    Optional<VaultStateRow> find();

    @SqlUpdate("INSERT INTO vault_state (id, panic_mode, panic_mode_changed_at) VALUES (1, :enabled, now()) "
            + "ON CONFLICT (id) DO UPDATE SET panic_mode = excluded.panic_mode, "
            + "panic_mode_changed_at = excluded.panic_mode_changed_at")
    void setPanicMode(@Bind("enabled") boolean enabled);

    /** Counts one more committed wipe and returns the new count. */
    @SqlQuery("INSERT INTO vault_state (id, wipe_generation, last_wipe_at) VALUES (1, 1, now()) "
            + "ON CONFLICT (id) DO UPDATE SET wipe_generation = vault_state.wipe_generation + 1, "
            + "last_wipe_at = excluded.last_wipe_at RETURNING wipe_generation")
    long nextWipeGeneration();
}
