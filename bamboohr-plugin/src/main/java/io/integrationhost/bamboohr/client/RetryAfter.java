package io.integrationhost.bamboohr.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, section 10.2.3). */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * How long the answer asks to wait, measured from {@code now}; zero for a date already past, empty when the
     * header is absent or unreadable.
     */
    public static Optional<Duration> of(BambooHrResponse response, Instant now) {
        return response.header("retry-after").map(String::strip).flatMap(value -> parse(value, now));
    }

    static Optional<Duration> parse(String value, Instant now) {
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
