package dev.hush.core;

import dev.hush.db.ThreadDao;
import dev.hush.db.ThreadRow;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Stores and finds encrypted threads. */
public final class ThreadService {
    private final Jdbi jdbi;

    public ThreadService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The stored thread and whether this call created it. */
    public record Created(ThreadRow thread, boolean created) {
    }

    /**
     * Creates the thread, or returns the one already stored under the id. When two creates race,
     * the loser's insert waits for the winner to commit, does nothing, and then reads its row.
     */
    public Created create(UUID id, byte[] ciphertext, byte[] iv) {
        return jdbi.withExtension(ThreadDao.class, dao -> dao.insertIfAbsent(id, ciphertext, iv)
                .map(row -> new Created(row, true))
                .orElseGet(() -> new Created(dao.find(id).orElseThrow(
                        () -> new IllegalStateException("thread vanished after a conflicting insert")),
                        false)));
    }

    public Optional<ThreadRow> find(UUID id) {
        return jdbi.withExtension(ThreadDao.class, dao -> dao.find(id));
    }

    /** Returns the threads among {@code ids} that exist, newest first. */
    public List<ThreadRow> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withExtension(ThreadDao.class, dao -> dao.findAll(List.copyOf(ids)));
    }
}
