package io.integrationhost.host.admin;

import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How wrong administrator tokens are answered. Past {@link #LIMIT} wrong tokens from one address within a
 * {@link #WINDOW}, or {@link #GLOBAL_LIMIT} from all addresses together (so that rotating source addresses gains
 * nothing), a wrong token is refused with {@code 429} and how long to wait, instead of {@code 401}; refused ones
 * count too, and the counts start again when the window ends.
 *
 * <p>It is only ever asked about tokens already found wrong: a right token is never refused, so nobody who
 * shares the administrator's address (a proxy, a NAT) and nobody sending floods of wrong tokens can lock the
 * administrator out. Kept in each instance's memory: an instance that does not know another's counts loses
 * nothing but a little strictness.
 */
public final class GuessThrottle {

    private static final Logger log = LoggerFactory.getLogger(GuessThrottle.class);

    static final int LIMIT = 10;
    static final int GLOBAL_LIMIT = 100;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /**
     * Bounds the memory a flood of addresses can take. Past it, windows that ended are dropped, and addresses
     * still beyond it are not tracked: that many addresses with wrong tokens in one window are already over the
     * global limit, which refuses them anyway.
     */
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Window> byAddress = new HashMap<>();
    private Window global;

    public GuessThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Window(long startedAt, int count) {

        boolean endedAt(long now) {
            return now - startedAt >= WINDOW.toMillis();
        }

        Window plusOne(long now) {
            return endedAt(now) ? new Window(now, 1) : new Window(startedAt, count + 1);
        }

        long secondsLeftAt(long now) {
            return Math.max(1, (startedAt + WINDOW.toMillis() - now + 999) / 1000);
        }
    }

    /**
     * Counts a wrong token from {@code address}, and refuses it if that address, or all addresses together, are now
     * over their limit.
     *
     * @throws HostException {@code 429 TOO_MANY_ATTEMPTS} with {@code retryAfterSeconds}
     */
    public synchronized void wrongToken(String address) {
        long now = clock.millis();
        global = global == null ? new Window(now, 1) : global.plusOne(now);
        Window own = countFor(address, now);
        if (own != null && own.count() > LIMIT) {
            throw refused("Too many wrong administrator tokens from this address.", own.secondsLeftAt(now));
        }
        if (global.count() > GLOBAL_LIMIT) {
            if (global.count() == GLOBAL_LIMIT + 1) {
                log.warn("More than {} wrong administrator tokens within {} s from all addresses together: wrong tokens"
                        + " are refused for {} s; the right token still passes.", GLOBAL_LIMIT, WINDOW.toSeconds(),
                        global.secondsLeftAt(now));
            }
            throw refused("Too many wrong administrator tokens reached the host.", global.secondsLeftAt(now));
        }
    }

    private Window countFor(String address, long now) {
        if (!byAddress.containsKey(address) && byAddress.size() >= MAX_ADDRESSES) {
            byAddress.values().removeIf(window -> window.endedAt(now));
            if (byAddress.size() >= MAX_ADDRESSES) {
                return null;
            }
        }
        return byAddress.merge(address, new Window(now, 1), (old, fresh) -> old.plusOne(now));
    }

    private static HostException refused(String message, long waitSeconds) {
        return new HostException(FailureKind.TOO_MANY_ATTEMPTS, message,
                "Wait " + waitSeconds + " s, then try again with the right token.", Map.of("retryAfterSeconds", waitSeconds));
    }
}
