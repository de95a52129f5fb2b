package dev.hush.testing;

import dev.hush.testing.ApiClient.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Sends many requests at once: every thread waits at a latch, then all send together. */
public final class Burst {
    private Burst() {
    }

    /** Starts {@code count} copies of the request at once and returns their futures. */
    public static List<Future<Result>> start(int count, Callable<Result> request) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Result>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return request.call();
            }));
        }
        go.countDown();
        pool.shutdown();
        return futures;
    }

    /** Waits up to 60 s in all for the results. */
    public static List<Result> await(List<Future<Result>> futures) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Result> results = new ArrayList<>();
        for (Future<Result> future : futures) {
            results.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
        return results;
    }

    public static long countStatus(List<Result> results, int status) {
        return results.stream().filter(result -> result.status() == status).count();
    }
}
