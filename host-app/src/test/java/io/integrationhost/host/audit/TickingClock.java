package io.integrationhost.host.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock a test sets, that moves on by one millisecond each time it is read: every entry has its own time. */
final class TickingClock extends Clock {

    private final AtomicLong millis;

    TickingClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    void set(long startMillis) {
        millis.set(startMillis);
    }

    @Override
    public long millis() {
        return millis.getAndIncrement();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
