package io.integrationhost.api;

import java.time.Duration;
import java.util.Optional;

/**
 * What the host offers a plugin for one call. Deliberately narrow: no access to storage, other
 * integrations or other users.
 */
public interface IntegrationContext {

    /**
     * An operator setting for this plugin, never end-user input. The host reads it from its environment
     * variable {@code <ID>_<NAME>} ({@link OperatorSettings#variable}): the integration's id, {@code _} and
     * {@code name}, upper-cased, with {@code -} and {@code .} turned into {@code _}. For example {@code setting("BASE_URL")} (or
     * {@code setting("base-url")}) in the plugin of integration {@code acme-crm} reads {@code ACME_CRM_BASE_URL}.
     * The value is returned as it is set, untrimmed; a variable that is unset, empty or only blanks is
     * {@link Optional#empty()}. Nothing else (no system property, no file) is consulted.
     */
    Optional<String> setting(String name);

    /** How long the host waits for this call; a plugin should set its own time-outs within it. */
    Duration callTimeout();

    /** An id for this call that the host also writes to its audit trail; safe to send upstream or log. */
    String correlationId();
}
