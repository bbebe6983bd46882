package io.integrationhost.host.credentials;

import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.runtime.invocation.PluginInvoker;
import io.integrationhost.runtime.invocation.RunnableIntegration;
import io.integrationhost.runtime.plugins.PluginCalls;
import io.integrationhost.runtime.error.UpstreamErrors;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Asks a plugin whether credentials work, before the host stores them: the integration's connection
 * test for an administrator's values, the profile type's verification for an end user's. The call itself is the
 * {@link PluginInvoker}'s; the host adds which plugins may be asked and how outcomes are recorded.
 */
public final class CredentialChecks {

    private final PluginInvoker invoker;

    public CredentialChecks(PluginCalls calls, Map<String, String> environment) {
        this.invoker = new PluginInvoker(calls, environment);
    }

    /** Runs the integration's connection test; answers the check, or throws when the plugin cannot be run. */
    public ConnectionCheck testIntegration(InstalledIntegration installed, CredentialForm.Values values) {
        return invoker.testConnection(runnable(installed), values);
    }

    /** Runs the integration's connection test with {@code credentials} as given: declared values and an access token. */
    public ConnectionCheck testIntegration(InstalledIntegration installed, Credentials credentials) {
        return invoker.testConnection(runnable(installed), credentials);
    }

    /** Runs a profile type's verification with {@code credentials} as given: an end user's values and access token. */
    public ConnectionCheck verifyProfile(InstalledIntegration provider, String profileTypeId, Credentials credentials) {
        return invoker.verify(runnable(provider), profileTypeId, credentials);
    }

    /** Runs a profile type's verification of an end user's (or a test's) values. */
    public ConnectionCheck verifyProfile(InstalledIntegration provider, String profileTypeId, CredentialForm.Values values) {
        return invoker.verify(runnable(provider), profileTypeId, values);
    }

    /**
     * Runs {@code check} and records its outcome: the plugin's message when it refused, the kind of failure
     * when there was no verdict (the plugin threw, did not answer in time, or cannot run), which is then
     * thrown on. {@code outcomes} receives {@code SUCCESS} or {@code FAILURE} and a detail; never a value that was checked.
     */
    public static ConnectionCheck recorded(Supplier<ConnectionCheck> check, BiConsumer<String, String> outcomes) {
        ConnectionCheck result;
        try {
            result = check.get();
        } catch (HostException e) {
            outcomes.accept("FAILURE", "no answer from the plugin: " + e.kind());
            throw e;
        }
        outcomes.accept(result.successful() ? "SUCCESS" : "FAILURE", result.successful() ? null : result.message());
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

    private static RunnableIntegration runnable(InstalledIntegration installed) {
        return RunnableIntegration.of(installed).orElseThrow(() -> PluginInvoker.unavailable(installed));
    }
}
