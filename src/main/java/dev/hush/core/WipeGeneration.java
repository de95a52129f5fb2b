package dev.hush.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The newest wipe generation this instance has seen committed, kept in memory so checks on each
 * request cost no database round trip. It only rises: a local wipe raises it at once, and
 * {@link DefenseRefresh} raises it at start-up and when another instance has wiped.
 */
public final class WipeGeneration {
    private final AtomicLong known = new AtomicLong();
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    public long current() {
        return known.get();
    }

    /**
     * Takes in a committed generation. When it is newer than the known one, the listeners are
     * called with it after the new value is in place, so a check that runs after a listener has
     * already seen the rise.
     */
    public void observe(long generation) {
        long before = known.getAndAccumulate(generation, Math::max);
        if (generation > before) {
            for (LongConsumer listener : listeners) {
                listener.accept(generation);
            }
        }
    }

    /** Registers a listener called with each newer generation, such as one closing live sockets. */
    public void addListener(LongConsumer listener) {
        listeners.add(listener);
    }
}
