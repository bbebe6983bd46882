package io.integrationhost.runtime.plugins;

import io.integrationhost.runtime.error.HostException;
import java.util.Optional;

/**
 * Asked before a new version of a plugin takes the place of the installed one (an upgrade, or a rollback), once the
 * new version has started (its worker, where it has one, is ready) and before any call moves to it. The host answers
 * it with a connection test of the new version under the operator's stored credentials; a refusal leaves the installed
 * version serving, as any other refused upload does.
 */
@FunctionalInterface
public interface UpgradeCheck {

    /** No check: a version that starts takes over. */
    UpgradeCheck NONE = (installed, next) -> Optional.empty();

    /**
     * @param installed the integration as the version being replaced provides it, still serving
     * @param next the same integration as the new version provides it, started and not yet serving
     * @return why the new version must not take over, or empty when it may
     */
    Optional<HostException> refusal(InstalledIntegration installed, InstalledIntegration next);
}
