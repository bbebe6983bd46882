package io.integrationhost.bamboohr.client;

/**
 * Whether a request may be sent again when it is not known whether BambooHR carried out the first one. This,
 * not the HTTP method, decides retries: a {@code PUT} that creates a time-off request is not idempotent.
 */
public enum Repeatability {
    /** Reads nothing but data: repeating it changes nothing. */
    SAFE,
    /** Sets a state: doing it twice leaves the same result as doing it once. */
    IDEMPOTENT,
    /** Creates or appends: doing it twice may create two things. */
    NOT_REPEATABLE;

    /** Whether the request may be re-sent after an ambiguous failure. */
    public boolean mayRepeat() {
        return this != NOT_REPEATABLE;
    }
}
