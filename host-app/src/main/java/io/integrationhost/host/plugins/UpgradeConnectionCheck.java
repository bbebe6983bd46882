package io.integrationhost.host.plugins;

import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.metadata.AuthorizationMode;
import io.integrationhost.host.audit.AuditTrail;
import io.integrationhost.host.configuration.IntegrationConfiguration;
import io.integrationhost.host.configuration.IntegrationConfigurations;
import io.integrationhost.host.credentials.CredentialChecks;
import io.integrationhost.host.credentials.CredentialFieldSchema;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.credentials.OAuthAppFields;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.UpgradeCheck;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The connection test a new version of a plugin must pass before calls move to it: run in the new version (its worker
 * started, serving nothing yet) with the credentials the operator stored for the integration.
 *
 * <p>Only a failure of the new version refuses it, never one of the remote system: when the new version's test fails
 * without the plugin itself failing (the remote system refused or did not answer), the installed version's test runs
 * too, and the upgrade is refused only when that one passes. When both fail, the remote system or the stored
 * credentials are at fault, not the new version, and it goes ahead (audited so). A new version that crashes, throws
 * or gives no valid answer is refused at once.
 *
 * <p>Nothing is tested when there is nothing of the operator's to test with: no pre-authorization made with this
 * plugin, one already marked rejected, an OAuth 2.0 one (its access token is the host's to lease, at the next call),
 * or a new version whose credential fields the stored values no longer fit (they are re-authorized after the upgrade).
 */
public final class UpgradeConnectionCheck implements UpgradeCheck {

    private static final String ACTOR = "admin";
    private static final String ACTION = "plugin.upgrade-tested";
    /** Failures that are the plugin's own, whatever the remote system does. */
    private static final Set<FailureKind> PLUGIN_FAULTS = Set.of(FailureKind.PLUGIN_ERROR, FailureKind.PLUGIN_CRASHED,
            FailureKind.PLUGIN_UNAVAILABLE);

    private final IntegrationConfigurations configurations;
    private final CredentialChecks checks;
    private final AuditTrail audit;

    public UpgradeConnectionCheck(IntegrationConfigurations configurations, CredentialChecks checks, AuditTrail audit) {
        this.configurations = configurations;
        this.checks = checks;
        this.audit = audit;
    }

    @Override
    public Optional<HostException> refusal(InstalledIntegration installed, InstalledIntegration next) {
        Optional<IntegrationConfiguration> stored = configurations.find(next.id())
                .filter(c -> c.mode() == AuthorizationMode.PRE_AUTHORIZED)
                .filter(c -> c.madeWith(next.plugin().pluginId()))
                .filter(c -> !c.credentialsRejected());
        if (stored.isEmpty() || next.descriptor().authorization().oauth2() != null
                || !fieldsFit(installed, next)) {
            return Optional.empty();
        }
        CredentialForm.Values values = configurations.openValues(stored.get());
        String versions = versions(installed, next);
        Outcome tried = test(next, values);
        if (tried.passed()) {
            audit.record(ACTOR, ACTION, next.id(), null, "SUCCESS", versions + ": the new version's connection test passed"
                    + " with the stored credentials");
            return Optional.empty();
        }
        if (tried.pluginFault()) {
            return Optional.of(refused(next, versions, tried, "it failed"));
        }
        Outcome before = test(installed, values);
        if (before.passed()) {
            return Optional.of(refused(next, versions, tried, "the installed version passes it, and the new one failed"));
        }
        audit.record(ACTOR, ACTION, next.id(), null, "SUCCESS", versions + ": neither version's connection test passed ("
                + tried.reason() + "); the remote system or the stored credentials are at fault, not the new version,"
                + " which takes over");
        return Optional.empty();
    }

    private HostException refused(InstalledIntegration next, String versions, Outcome tried, String how) {
        audit.record(ACTOR, ACTION, next.id(), null, "FAILURE", versions + ": refused, " + tried.reason());
        return new HostException(FailureKind.PLUGIN_REFUSED, "Version " + next.plugin().version() + " of "
                + next.descriptor().name() + " did not pass the connection test with the stored credentials (" + how + ": "
                + tried.reason() + "). The installed version keeps serving.",
                "Fix the plugin, or test the new version with these credentials before uploading it again.");
    }

    /** Whether the stored values, made with the installed version's fields, are a valid input for the new version's. */
    private static boolean fieldsFit(InstalledIntegration installed, InstalledIntegration next) {
        CredentialFieldSchema before = CredentialFieldSchema.of(OAuthAppFields.effective(installed.descriptor().authorization()));
        List<String> breaking = before.breakingChangesTo(
                CredentialFieldSchema.of(OAuthAppFields.effective(next.descriptor().authorization())));
        return breaking.isEmpty();
    }

    private Outcome test(InstalledIntegration version, CredentialForm.Values values) {
        try {
            ConnectionCheck check = checks.testIntegration(version, values);
            return check.successful() ? Outcome.PASSED : new Outcome(false, false, "the test answered: " + check.message());
        } catch (HostException e) {
            return new Outcome(false, PLUGIN_FAULTS.contains(e.failureKind()), e.kind() + ": " + e.getMessage());
        }
    }

    private static String versions(InstalledIntegration installed, InstalledIntegration next) {
        return next.plugin().pluginId() + " " + installed.plugin().version() + " to " + next.plugin().version();
    }

    /** What came of one version's connection test: never a value that was tested. */
    private record Outcome(boolean passed, boolean pluginFault, String reason) {
        static final Outcome PASSED = new Outcome(true, false, null);
    }
}
