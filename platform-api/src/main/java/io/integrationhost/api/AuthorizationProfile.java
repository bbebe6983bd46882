package io.integrationhost.api;

import org.pf4j.ExtensionPoint;

/**
 * A credential mechanism that administrators can base authorization profiles on, such as
 * "Acme CRM API key (Basic Auth)".
 *
 * <p>Its metadata (name, authorization type and the fields an end user fills in) is declared in the
 * plugin's descriptor under {@code authorizationProfiles}, keyed by {@link #profileTypeId()}. When an
 * end user, or an administrator testing a profile, enters values, the host asks this extension to
 * verify them before it stores anything.
 *
 * <p>Like {@link Integration}, one instance serves every call of a plugin start, from several threads at
 * once; it may keep pooled resources, released in {@link #close()}.
 */
public interface AuthorizationProfile extends ExtensionPoint, AutoCloseable {

    /** The id of the profile type in the descriptor's {@code authorizationProfiles}. */
    String profileTypeId();

    /**
     * Verifies credentials entered for this profile type with one cheap call.
     *
     * @return {@link ConnectionCheck#ok(String)} or a failure carrying the upstream's reason
     * @throws IntegrationException for an expected failure: the host takes its {@link IntegrationError} as a failed
     *     check, the same as {@link ConnectionCheck#failed(IntegrationError)} (since 1.2.0)
     */
    ConnectionCheck verify(Credentials credentials, IntegrationContext context) throws IntegrationException;

    /** Releases pooled resources; called once when the plugin stops. */
    @Override
    default void close() {
    }
}
