package io.integrationhost.bamboohr.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the BambooHR client connects and how long it waits. A call never waits longer than the host's
 * {@code callTimeout()}: the time-outs of each attempt and the waits between attempts are cut to what remains of it.
 *
 * @param connectTimeout the most time to open a connection
 * @param responseTimeout the most time to wait for an answer to one attempt
 * @param maxConnections connections kept open to BambooHR, shared by all calls
 * @param retryPolicy when refused requests are sent again
 */
public record ClientSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections,
                             RetryPolicy retryPolicy) {

    /** 5 s to connect, 30 s to answer, 20 connections, {@link RetryPolicy#DEFAULT}. */
    public static final ClientSettings DEFAULT =
            new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 20, RetryPolicy.DEFAULT);

    public ClientSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }
}
