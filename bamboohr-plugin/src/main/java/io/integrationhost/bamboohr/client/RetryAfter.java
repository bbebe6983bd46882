package io.integrationhost.bamboohr.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, sections 10.2.3 and 5.6.7), in the
 * preferred form ({@code Sun, 06 Nov 1994 08:49:37 GMT}) or either obsolete one that recipients must still accept
 * ({@code Sunday, 06-Nov-94 08:49:37 GMT}, {@code Sun Nov  6 08:49:37 1994}).
 */
public final class RetryAfter {

    /**
     * The longest wait reported: a longer one is cut to this. A client should not be told to wait for years because
     * of one header, and no rate limit of BambooHR's is longer.
     */
    public static final Duration MAX = Duration.ofDays(1);

    private static final DateTimeFormatter RFC_850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEE MMM ppd HH:mm:ss yyyy").toFormatter(Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private RetryAfter() {
    }

    /**
     * How long the answer asks to wait, measured from {@code now} and at most {@link #MAX}; zero for a date already
     * past, empty when the header is absent or unreadable.
     */
    public static Optional<Duration> of(BambooHrResponse response, Instant now) {
        return response.header("retry-after").map(String::strip).flatMap(value -> parse(value, now));
    }

    static Optional<Duration> parse(String value, Instant now) {
        if (value.matches("\\d+")) {
            return Optional.of(value.length() > 18 ? MAX : bounded(Duration.ofSeconds(Long.parseLong(value))));
        }
        return date(value, now).map(at -> {
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : bounded(wait);
        });
    }

    private static Optional<Instant> date(String value, Instant now) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME)) {
            try {
                Instant at = ZonedDateTime.parse(value, format).toInstant();
                // A two-digit year more than 50 years ahead is the latest past year that ends in those digits.
                return Optional.of(format == RFC_850 && at.isAfter(now.atZone(ZoneOffset.UTC).plusYears(50).toInstant())
                        ? at.atZone(ZoneOffset.UTC).minusYears(100).toInstant() : at);
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static Duration bounded(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
