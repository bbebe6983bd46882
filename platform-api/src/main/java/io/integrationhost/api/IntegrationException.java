package io.integrationhost.api;

/** Carries an {@link IntegrationError} out of a plugin call. Its message is the error's message. */
public class IntegrationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient IntegrationError error;

    public IntegrationException(IntegrationError error) {
        super(error.message());
        this.error = error;
    }

    public IntegrationException(IntegrationError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    public IntegrationError error() {
        return error;
    }
}
