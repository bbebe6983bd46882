package io.integrationhost.api;

import org.pf4j.ExtensionPoint;

/**
 * An integration: the code behind one descriptor's actions and connection test.
 *
 * <p>The host creates one instance per plugin start and calls it from several threads at once, so an
 * implementation must be thread-safe; it is the place to keep pooled resources such as an HTTP client,
 * released in {@link #close()} when the plugin stops. An implementation holds no credentials between
 * calls: each call receives the {@link Credentials} it may use.
 */
public interface Integration extends ExtensionPoint, AutoCloseable {

    /** The id of the descriptor this implements; must equal {@code id} in the plugin's descriptor. */
    String integrationId();

    /**
     * Checks that credentials work with one cheap authenticated call.
     *
     * @return {@link ConnectionCheck#ok(String)} or a failure carrying the upstream's reason
     * @throws IntegrationException for an expected failure, as {@link #execute} does: the host takes its
     *     {@link IntegrationError} as a failed check, the same as {@link ConnectionCheck#failed(IntegrationError)}
     *     (since 1.2.0; an implementation may return the failed check instead, as before)
     */
    ConnectionCheck testConnection(Credentials credentials, IntegrationContext context) throws IntegrationException;

    /**
     * Runs one action. The host has already validated {@code call.input()} against the action's input
     * schema, so an implementation only checks what a schema cannot express.
     *
     * @return the result as JSON-like data: {@code Map}, {@code List}, {@code String}, {@code Number},
     *     {@code Boolean} or {@code null}
     * @throws IntegrationException with a typed {@link IntegrationError} for every expected failure
     */
    Object execute(ActionCall call) throws IntegrationException;

    /** Releases pooled resources; called once when the plugin stops. */
    @Override
    default void close() {
    }
}
