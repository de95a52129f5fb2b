package dev.hush.core;

import java.time.Duration;

/** Ends the process; tests of the in-process application put a recorder in its place. */
@FunctionalInterface
public interface ProcessExit {
    /** The exit status after a wipe that stops the process: the vault is gone, do not restart blindly. */
    int AFTER_WIPE = 3;

    void exit(int status);

    /**
     * Returns the real exit: {@link System#exit} on a thread of its own, so the request thread that
     * asked can finish while shutdown hooks stop the server. If the hooks hang, the process is
     * halted after {@code haltAfter}.
     */
    static ProcessExit system(Duration haltAfter) {
        return status -> {
            Thread watchdog = new Thread(() -> {
                sleep(haltAfter);
                Runtime.getRuntime().halt(status);
            }, "hush-exit-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            new Thread(() -> System.exit(status), "hush-exit").start();
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
