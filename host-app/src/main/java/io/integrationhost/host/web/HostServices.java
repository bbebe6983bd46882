package io.integrationhost.host.web;

import io.integrationhost.host.actions.ActionRunner;
import io.integrationhost.host.admin.AdminAccess;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.host.endusers.EndUserAuthorizations;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.configuration.OwnerBinding;
import io.integrationhost.host.catalog.Catalog;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.plugins.PluginRuntime;

/**
 * What the web layer serves: the host's capabilities, each behind its own small public face.
 *
 * @param calls how plugin calls run, for how many of each plugin's the host stopped waiting for still run
 * @param ownerBinding run after a plugin is installed, to bind what was stored for it before the host recorded owners
 */
public record HostServices(PluginRuntime plugins, PluginCalls calls, OwnerBinding ownerBinding, Catalog catalog,
                           IntegrationConfigurations configurations, AuthorizationProfiles profiles,
                           EndUserAuthorizations endUsers, ActionRunner actions, AuditTrail audit, AdminAccess admin) {
}
