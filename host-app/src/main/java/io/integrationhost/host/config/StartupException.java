package io.integrationhost.host.config;

/**
 * The host cannot start as configured: a person's message of what is wrong and what to do. The command line shows
 * both and exits, without a stack trace.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remedy;

    public StartupException(String message, String remedy) {
        super(message);
        this.remedy = remedy;
    }

    public String remedy() {
        return remedy;
    }
}
