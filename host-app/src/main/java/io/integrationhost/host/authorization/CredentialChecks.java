package io.integrationhost.host.authorization;

import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.Integration;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.runtime.plugins.HostIntegrationContext;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.error.UpstreamErrors;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Asks a plugin whether credentials work, before the host stores them: the integration's connection
 * test for an administrator's values, the profile type's verification for an end user's.
 */
public final class CredentialChecks {

    private final PluginCalls calls;
    private final Map<String, String> environment;

    public CredentialChecks(PluginCalls calls, Map<String, String> environment) {
        this.calls = calls;
        this.environment = environment;
    }

    /** Runs the integration's connection test; answers the check, or throws when the plugin cannot be run. */
    public ConnectionCheck testIntegration(InstalledIntegration installed, CredentialForm.Values values) {
        Integration code = runnable(installed);
        return run(installed, "connection-test", () -> code.testConnection(Credentials.of(values.all()), context(installed)));
    }

    /** Runs a profile type's verification of an end user's (or a test's) values. */
    public ConnectionCheck verifyProfile(InstalledIntegration provider, String profileTypeId, CredentialForm.Values values) {
        runnable(provider);
        AuthorizationProfile profile = provider.profiles().get(profileTypeId);
        if (profile == null) {
            throw unavailable(provider.id(), "it does not offer the profile type '" + profileTypeId + "'");
        }
        return run(provider, "verify-" + profileTypeId, () -> profile.verify(Credentials.of(values.all()), context(provider)));
    }

    /** Where a check's outcome is recorded: {@code SUCCESS} or {@code FAILURE}, and a detail without values. */
    @FunctionalInterface
    interface Outcomes {
        void record(String outcome, String detail);
    }

    /**
     * Runs {@code check} and records its outcome: the plugin's message when it refused, the kind of failure
     * when there was no verdict (the plugin threw, did not answer in time, or cannot run), which is then
     * thrown on. Never a value that was checked.
     */
    static ConnectionCheck recorded(Supplier<ConnectionCheck> check, Outcomes outcomes) {
        ConnectionCheck result;
        try {
            result = check.get();
        } catch (HostException e) {
            outcomes.record("FAILURE", "no answer from the plugin: " + e.kind());
            throw e;
        }
        outcomes.record(result.successful() ? "SUCCESS" : "FAILURE", result.successful() ? null : result.message());
        return result;
    }

    /** The answer when a check failed: the plugin's reason and the upstream's words, nothing stored. */
    public static HostException failed(ConnectionCheck check) {
        Map<String, Object> details = new LinkedHashMap<>();
        String remedy = "Check the values and try again.";
        if (check.error() != null) {
            details.putAll(UpstreamErrors.details(check.error()));
            details.put("reasonKind", check.error().kind().name());
            remedy = check.error().remedy();
        }
        return new HostException(FailureKind.CONNECTION_TEST_FAILED, "The credentials were not accepted: " + check.message(),
                remedy, details).withUpstream(check.error() == null ? null : UpstreamErrors.upstream(check.error()));
    }

    private ConnectionCheck run(InstalledIntegration installed, String what, PluginCalls.PluginWork<ConnectionCheck> work) {
        try {
            ConnectionCheck check = calls.call(installed.plugin().pluginId(), installed.code().getClass().getClassLoader(),
                    installed.id() + "/" + what, work);
            if (check == null) {
                throw new HostException(FailureKind.PLUGIN_ERROR, "The integration's connection test gave no answer.",
                        "Report this to the plugin's provider.");
            }
            return check;
        } catch (IntegrationException e) {
            return ConnectionCheck.failed(e.error());
        }
    }

    private HostIntegrationContext context(InstalledIntegration installed) {
        return new HostIntegrationContext(installed.id(), environment, calls.timeout(), UUID.randomUUID().toString());
    }

    static Integration runnable(InstalledIntegration installed) {
        return installed.runnable().orElseThrow(() -> unavailable(installed.id(), whyNotRunnable(installed)));
    }

    /** Such as "its plugin is failed: Failed to start: …". */
    static String whyNotRunnable(InstalledIntegration installed) {
        return "its plugin is " + installed.plugin().state().name().toLowerCase(java.util.Locale.ROOT)
                + (installed.plugin().reason() == null ? "" : ": " + installed.plugin().reason());
    }

    static HostException unavailable(String integrationId, String why) {
        return HostException.pluginUnavailable("The integration '" + integrationId + "' cannot run: " + why + ".",
                "Check the plugin on the Plugins page; fix or reinstall it.");
    }
}
