package io.integrationhost.bamboohr.client;

import java.time.Duration;

/** Waits between attempts; replaced in tests so that waits are observed instead of spent. */
@FunctionalInterface
public interface Sleeper {

    /** Waits with {@link Thread#sleep}. */
    Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
