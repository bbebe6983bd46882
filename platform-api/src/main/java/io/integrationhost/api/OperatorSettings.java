package io.integrationhost.api;

import java.util.Locale;

/**
 * How an operator setting of a plugin is named in the host's environment: the rule
 * {@link IntegrationContext#setting(String)} reads settings by, stated once for the host, the test kit and the docs.
 *
 * @since 1.2.0
 */
public final class OperatorSettings {

    private OperatorSettings() {
    }

    /**
     * The environment variable of setting {@code name} of integration {@code integrationId}: {@code <ID>_<NAME>}, both
     * joined with {@code _}, upper-cased, with {@code -} and {@code .} as {@code _} ({@code acme-crm} and
     * {@code base.url} give {@code ACME_CRM_BASE_URL}).
     */
    public static String variable(String integrationId, String name) {
        return (integrationId + "_" + name).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
