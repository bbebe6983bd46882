package io.integrationhost.host.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Calls released at one moment, each on its own thread: every thread is started and waiting on one latch before any
 * call runs, so that the calls race as many clients' do.
 */
public final class AtOnce {

    private AtOnce() {
    }

    /** One of the calls; {@code index} counts from 0. */
    @FunctionalInterface
    public interface Call<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code count} calls released together; their results, in the order of their index. */
    public static <T> List<T> run(int count, Call<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                pending.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.run(index);
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : pending) {
                results.add(result.get(90, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
