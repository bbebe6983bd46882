package io.integrationhost.api;

import java.time.Duration;
import java.util.Optional;

/**
 * What the host offers a plugin for one call. Deliberately narrow: no access to storage, other
 * integrations or other users.
 */
public interface IntegrationContext {

    /**
     * An operator setting for this plugin, never end-user input. The host resolves {@code name} for
     * plugin {@code acme} from the environment variable {@code ACME_<NAME>} (upper-cased, {@code -} and
     * {@code .} as {@code _}) or the system property {@code acme.<name>}; for example
     * {@code setting("BASE_URL")} in the plugin of integration {@code acme-crm} reads {@code ACME_CRM_BASE_URL}.
     */
    Optional<String> setting(String name);

    /** How long the host waits for this call; a plugin should set its own time-outs within it. */
    Duration callTimeout();

    /** An id for this call that the host also writes to its audit trail; safe to send upstream or log. */
    String correlationId();
}
