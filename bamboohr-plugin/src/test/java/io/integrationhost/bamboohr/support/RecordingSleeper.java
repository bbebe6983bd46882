package io.integrationhost.bamboohr.support;

import io.integrationhost.bamboohr.client.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits the retry policy asks for instead of spending them, so retry tests run in milliseconds. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }

    /** Every wait asked for, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
