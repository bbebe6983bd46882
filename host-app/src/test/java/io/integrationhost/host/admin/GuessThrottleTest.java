package io.integrationhost.host.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationhost.runtime.error.HostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The counting behind the answers to wrong administrator tokens, on a clock the test moves. */
class GuessThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final GuessThrottle throttle = new GuessThrottle(clock);

    @Test
    void anAddressPastItsLimitIsRefusedUntilItsWindowEndsAndThenStartsAfresh() {
        for (int i = 0; i < GuessThrottle.LIMIT; i++) {
            throttle.wrongToken("10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(20));

        assertThatThrownBy(() -> throttle.wrongToken("10.0.0.1")).isInstanceOfSatisfying(HostException.class, refused -> {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.details()).containsEntry("retryAfterSeconds", 40L);
        });
        assertThatCode(() -> throttle.wrongToken("10.0.0.2")).as("another address").doesNotThrowAnyException();

        clock.advance(Duration.ofSeconds(40));
        assertThatCode(() -> throttle.wrongToken("10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void aSteadyFloodIsRefusedThroughoutItsWindowAndDoesNotStretchIt() {
        int refusals = 0;
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            try {
                throttle.wrongToken("10.0.0.1");
            } catch (HostException refused) {
                refusals++;
            }
        }
        assertThat(refusals).isEqualTo(50 - GuessThrottle.LIMIT);

        assertThatThrownBy(() -> throttle.wrongToken("10.0.0.1")).isInstanceOf(HostException.class);
        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> throttle.wrongToken("10.0.0.1")).isInstanceOf(HostException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.wrongToken("10.0.0.1")).as("the window that began with the first guess ended")
                .doesNotThrowAnyException();
    }

    @Test
    void pastTheGlobalLimitEveryAddressIsRefusedUntilTheGlobalWindowEnds() {
        for (int i = 0; i < GuessThrottle.GLOBAL_LIMIT; i++) {
            throttle.wrongToken("10.0." + (i / 200) + "." + (i % 200));
        }

        assertThatThrownBy(() -> throttle.wrongToken("192.168.1.1")).isInstanceOfSatisfying(HostException.class,
                refused -> assertThat(refused.details()).containsEntry("retryAfterSeconds", 60L));
        clock.advance(GuessThrottle.WINDOW);
        assertThatCode(() -> throttle.wrongToken("192.168.1.1")).doesNotThrowAnyException();
    }

    @Test
    void addressesBeyondTheTrackedNumberAreStillRefusedByTheGlobalLimit() {
        int refusals = 0;
        for (int i = 0; i < GuessThrottle.MAX_ADDRESSES + 5; i++) {
            try {
                throttle.wrongToken("fd00::" + Integer.toHexString(i));
            } catch (HostException refused) {
                refusals++;
            }
        }
        assertThat(refusals).isEqualTo(GuessThrottle.MAX_ADDRESSES + 5 - GuessThrottle.GLOBAL_LIMIT);

        assertThatThrownBy(() -> throttle.wrongToken("fd00::ffff:1")).isInstanceOf(HostException.class);
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
