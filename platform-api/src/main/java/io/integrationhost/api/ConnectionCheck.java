package io.integrationhost.api;

import java.util.Objects;

/**
 * The outcome of a connection test: whether credentials work, and the upstream's reason when not.
 *
 * @param successful whether the credentials were accepted
 * @param message a sentence for a person, such as "Connected as employee 4" or the upstream's reason
 * @param error the typed failure when not successful, otherwise {@code null}
 */
public record ConnectionCheck(boolean successful, String message, IntegrationError error) {

    public ConnectionCheck {
        Objects.requireNonNull(message, "message");
        if (successful == (error != null)) {
            throw new IllegalArgumentException("a successful check has no error, a failed one has one");
        }
    }

    public static ConnectionCheck ok(String message) {
        return new ConnectionCheck(true, message, null);
    }

    public static ConnectionCheck failed(IntegrationError error) {
        return new ConnectionCheck(false, error.message(), error);
    }
}
