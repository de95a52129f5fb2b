package dev.hush.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Data access for {@code messages}. A trigger assigns {@code created_at}, strictly increasing
 * per thread in commit order, so {@code created_at} alone is a safe paging cursor.
 */
@RegisterConstructorMapper(MessageRow.class)
public interface MessageDao {
    /** Inserts a message; a missing thread raises a foreign-key violation (SQLSTATE 23503). */
    @SqlQuery("INSERT INTO messages (thread_id, ciphertext, iv) VALUES (:threadId, :ciphertext, :iv) "
            + "RETURNING id, thread_id, ciphertext, iv, created_at")
    MessageRow insert(@Bind("threadId") UUID threadId, @Bind("ciphertext") byte[] ciphertext,
            @Bind("iv") byte[] iv);

    @SqlQuery("SELECT id, thread_id, ciphertext, iv, created_at FROM messages "
            + "WHERE thread_id = :threadId AND created_at > :after "
            + "ORDER BY created_at, id LIMIT :limit")
    List<MessageRow> findAfter(@Bind("threadId") UUID threadId, @Bind("after") Instant after,
            @Bind("limit") int limit);

    /** Returns the newest {@code limit} messages, oldest first. */
    @SqlQuery("SELECT * FROM (SELECT id, thread_id, ciphertext, iv, created_at FROM messages "
            + "WHERE thread_id = :threadId ORDER BY created_at DESC, id DESC LIMIT :limit) newest "
            + "ORDER BY created_at, id")
    List<MessageRow> findNewest(@Bind("threadId") UUID threadId, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM messages WHERE thread_id = :threadId")
    long count(@Bind("threadId") UUID threadId);

    /**
     * Queues a notification on {@code channel}; PostgreSQL delivers it to listeners only when the
     * surrounding transaction commits, in commit order, and drops it on rollback.
     */
    @SqlQuery("SELECT 1 FROM pg_notify(:channel, :payload)")
    int notifyListeners(@Bind("channel") String channel, @Bind("payload") String payload);

    @SqlQuery("SELECT id, thread_id, ciphertext, iv, created_at FROM messages WHERE id IN (<ids>)")
    List<MessageRow> findByIds(@BindList("ids") List<UUID> ids);
}
