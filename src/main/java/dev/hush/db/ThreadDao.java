package dev.hush.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Data access for {@code threads}. */
@RegisterConstructorMapper(ThreadRow.class)
public interface ThreadDao {
    /**
     * Inserts a thread unless one with the id exists. Returns the new row, or empty when the id
     * was taken; a concurrent insert of the same id waits for the other to commit first.
     */
    @SqlQuery("INSERT INTO threads (id, ciphertext, iv) VALUES (:id, :ciphertext, :iv) "
            + "ON CONFLICT (id) DO NOTHING RETURNING id, ciphertext, iv, created_at")
    Optional<ThreadRow> insertIfAbsent(@Bind("id") UUID id, @Bind("ciphertext") byte[] ciphertext,
            @Bind("iv") byte[] iv);

    @SqlQuery("SELECT id, ciphertext, iv, created_at FROM threads WHERE id = :id")
    Optional<ThreadRow> find(@Bind("id") UUID id);

    /** Returns the threads among {@code ids} that exist, newest first; {@code ids} must not be empty. */
    @SqlQuery("SELECT id, ciphertext, iv, created_at FROM threads WHERE id IN (<ids>) "
            + "ORDER BY created_at DESC, id DESC")
    List<ThreadRow> findAll(@BindList("ids") List<UUID> ids);
}
