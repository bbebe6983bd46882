package io.integrationhost.bamboohr.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a request that BambooHR refused is sent again, and after how long: the one retry policy of all actions.
 *
 * <p>Only 429 and 503 answers are retried; every other failure is reported at once. Which requests may go again:
 * <ul>
 *   <li>A 429 is BambooHR's rate limiter turning the request away before any work is done, which proves the
 *       request was not carried out: any request, even one that creates an employee, may be sent again.</li>
 *   <li>A 503, with or without {@code Retry-After}, is ambiguous: BambooHR has throttled with 429 since
 *       2026-09-16, and a 503 may come from a proxy that gave up after BambooHR had taken the request. Only
 *       {@linkplain Repeatability#mayRepeat() repeatable} requests go again, after the wait {@code Retry-After}
 *       asks when it is there.</li>
 *   <li>A time-out or a broken connection is just as ambiguous and is never retried here: repeating a read is
 *       rarely worth spending the call's remaining time, and repeating a create could create twice.</li>
 * </ul>
 * The wait is what {@code Retry-After} asks, or else a doubling back-off from {@link #defaultWait}. A retry happens
 * only while attempts remain, the waits add up to no more than {@link #maxTotalWait}, and the wait ends before the
 * call's own deadline; otherwise the refusal is reported, with how long BambooHR asked to wait.
 *
 * @param maxAttempts attempts in all, the first included; at least 1
 * @param maxTotalWait the most time spent waiting between attempts of one call
 * @param defaultWait the first wait when BambooHR does not say how long
 */
public record RetryPolicy(int maxAttempts, Duration maxTotalWait, Duration defaultWait) {

    /** Three attempts, at most 20 s of waiting, starting from 1 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(20), Duration.ofSeconds(1));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(maxTotalWait, "maxTotalWait");
        Objects.requireNonNull(defaultWait, "defaultWait");
    }

    /**
     * How long to wait before sending {@code request} again, or empty to report {@code response} as the outcome.
     *
     * @param attemptsMade attempts made so far, at least 1
     * @param retryAfter what the answer's {@code Retry-After} asks, if present
     * @param waitedSoFar time already spent waiting in this call
     * @param timeLeft time left before the call's deadline
     */
    public Optional<Duration> waitBeforeRetry(BambooHrRequest request, BambooHrResponse response, int attemptsMade,
                                              Optional<Duration> retryAfter, Duration waitedSoFar, Duration timeLeft) {
        int status = response.status();
        if (status != 429 && status != 503) {
            return Optional.empty();
        }
        if (status == 503 && !request.repeatability().mayRepeat()) {
            return Optional.empty();
        }
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = retryAfter.orElseGet(() -> defaultWait.multipliedBy(1L << Math.min(attemptsMade - 1, 10)));
        if (waitedSoFar.plus(wait).compareTo(maxTotalWait) > 0 || wait.compareTo(timeLeft) >= 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}
