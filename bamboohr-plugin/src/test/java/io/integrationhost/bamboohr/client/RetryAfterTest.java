package io.integrationhost.bamboohr.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retry-After comes as delay-seconds or as an HTTP date. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");

    @Test
    void secondsAreTheWait() {
        assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateIsTheWaitFromNow() {
        assertThat(RetryAfter.parse("Fri, 20 Mar 2026 10:00:45 GMT", NOW)).contains(Duration.ofSeconds(45));
    }

    @Test
    void theObsoleteDateFormsOfRfc9110AreReadToo() {
        assertThat(RetryAfter.parse("Friday, 20-Mar-26 10:00:45 GMT", NOW)).contains(Duration.ofSeconds(45));
        assertThat(RetryAfter.parse("Fri Mar 20 10:00:45 2026", NOW)).contains(Duration.ofSeconds(45));
        assertThat(RetryAfter.parse("Fri Mar  6 10:00:00 2026", NOW)).contains(Duration.ZERO);
    }

    @Test
    void aWaitLongerThanADayIsCutToADay() {
        assertThat(RetryAfter.parse("999999999", NOW)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("Fri, 20 Mar 2099 10:00:00 GMT", NOW)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("86400", NOW)).contains(Duration.ofDays(1));
    }

    @Test
    void aDateAlreadyPastMeansNoWait() {
        assertThat(RetryAfter.parse("Fri, 20 Mar 2026 09:59:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anythingElseIsIgnored() {
        assertThat(RetryAfter.parse("soon", NOW)).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse("-5", NOW)).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse("1.5", NOW)).isEqualTo(Optional.empty());
    }
}
