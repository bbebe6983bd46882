package io.integrationhost.host.authorization;

import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What the configuration, profile and end-user capabilities use of {@link CredentialChecks} beyond running a check,
 * reachable from their own packages while that class's helpers stay package-private.
 */
public final class RecordedChecks {

    private RecordedChecks() {
    }

    /**
     * Runs {@code check} and hands {@code outcomes} its outcome and detail (see {@code CredentialChecks.recorded});
     * never a value that was checked.
     */
    public static ConnectionCheck recorded(Supplier<ConnectionCheck> check, BiConsumer<String, String> outcomes) {
        return CredentialChecks.recorded(check, outcomes::accept);
    }

    /** Such as "its plugin is failed: Failed to start: …". */
    public static String whyNotRunnable(InstalledIntegration installed) {
        return CredentialChecks.whyNotRunnable(installed);
    }
}
