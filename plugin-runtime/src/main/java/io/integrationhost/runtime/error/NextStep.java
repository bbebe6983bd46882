package io.integrationhost.runtime.error;

import java.util.Objects;

/**
 * The operation that puts a failure right, named for what it does rather than where it is: a service says "authorize
 * it again", and the web layer, which alone knows the REST API, adds the method and path that do it.
 *
 * @param operation what to do
 * @param integrationId the integration it is done to
 */
public record NextStep(Operation operation, String integrationId) {

    /** What an administrator can do to put a failure right. */
    public enum Operation {
        /** Choose the authorization mode and values (again). */
        AUTHORIZE_INTEGRATION,
        /** Delete the integration's configuration. */
        DELETE_CONFIGURATION,
        /** Connect an OAuth 2.0 integration again: the administrator consents at the provider (authorization code). */
        CONNECT_OAUTH
    }

    public NextStep {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(integrationId, "integrationId");
    }

    public static NextStep authorize(String integrationId) {
        return new NextStep(Operation.AUTHORIZE_INTEGRATION, integrationId);
    }

    public static NextStep connectOAuth(String integrationId) {
        return new NextStep(Operation.CONNECT_OAUTH, integrationId);
    }

    public static NextStep deleteConfiguration(String integrationId) {
        return new NextStep(Operation.DELETE_CONFIGURATION, integrationId);
    }
}
