package io.integrationhost.host.web;

import io.integrationhost.host.actions.ActionRunner;
import io.integrationhost.host.admin.AdminAccess;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.catalog.Catalog;
import io.integrationhost.host.metrics.HostMetrics;
import io.integrationhost.host.oauth.OAuthServices;
import io.integrationhost.host.plugins.PluginAdministration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;

/**
 * What the web layer serves: the host's capabilities, each behind its own small public face.
 *
 * @param calls how plugin calls run, for how many of each plugin's the host stopped waiting for still run
 * @param pluginAdministration the administrator's plugin installs and uninstalls, each audited
 * @param oauth the OAuth 2.0 flows in progress (for the callback) and stored tokens (for what the catalog shows)
 * @param metrics the host's meters, for {@code GET /metrics}
 */
public record HostServices(PluginRuntime plugins, PluginCalls calls, PluginAdministration pluginAdministration, Catalog catalog,
                           IntegrationConfigurations configurations, AuthorizationProfiles profiles,
                           EndUserAuthorizations endUsers, ActionRunner actions, AuditTrail audit, AdminAccess admin,
                           OAuthServices oauth, HostMetrics metrics) {
}
