package io.integrationhost.host.admin;

import io.integrationhost.host.error.HostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing the administrator's token: an address that sent {@link #LIMIT} wrong tokens within a
 * {@link #WINDOW} is refused, right token or not, until that window ends. Kept in each instance's memory: it only
 * throttles, so an instance that does not know another's count loses nothing but a little strictness.
 */
public final class GuessThrottle {

    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Bounds the memory a flood of addresses can take; past it, windows that ended are dropped. */
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    public GuessThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Window(long startedAt, int count) {
    }

    /** Refuses {@code address} while it is over the limit, with how long to wait. */
    public void check(String address) {
        Window window = failures.get(address);
        long now = clock.millis();
        if (window != null && window.count() >= LIMIT && now - window.startedAt() < WINDOW.toMillis()) {
            long waitSeconds = Math.max(1, (window.startedAt() + WINDOW.toMillis() - now + 999) / 1000);
            throw new HostException(429, "TOO_MANY_ATTEMPTS", "Too many wrong administrator tokens from this address.",
                    "Wait " + waitSeconds + " s, then try again with the right token.", Map.of("retryAfterSeconds", waitSeconds));
        }
    }

    /** Counts a wrong token from {@code address}. */
    public void failed(String address) {
        long now = clock.millis();
        if (failures.size() >= MAX_ADDRESSES) {
            failures.values().removeIf(window -> now - window.startedAt() >= WINDOW.toMillis());
        }
        failures.merge(address, new Window(now, 1), (old, fresh) -> now - old.startedAt() >= WINDOW.toMillis()
                ? fresh : new Window(old.startedAt(), old.count() + 1));
    }
}
