package io.integrationhost.runtime.plugins;

import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.NextStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides which plugin provides an integration id that more than one plugin's descriptor claims, the same way
 * whatever order the jars load in: the plugin the integration's configuration was made with, and no other, even
 * when that plugin is not installed; without a configuration, the plugin with the lowest Plugin-Id.
 */
final class IntegrationClaims {

    private final IntegrationOwners owners;

    IntegrationClaims(IntegrationOwners owners) {
        this.owners = owners;
    }

    /**
     * The plugins that do not provide the integration id they claim, each with the reason.
     *
     * @param claims the integration id each plugin's valid descriptor claims, by plugin id
     */
    Map<String, String> refused(Map<String, String> claims) {
        Map<String, List<String>> claimants = new TreeMap<>();
        claims.forEach((pluginId, integrationId) -> claimants.computeIfAbsent(integrationId, id -> new ArrayList<>()).add(pluginId));
        Map<String, String> refused = new LinkedHashMap<>();
        claimants.forEach((integrationId, pluginIds) -> {
            Optional<String> owner = owners.owner(integrationId);
            String provider = owner.orElseGet(() -> pluginIds.stream().sorted().findFirst().orElseThrow());
            String reason = owner.isPresent() ? ownedBy(integrationId, provider, pluginIds.contains(provider))
                    + " Remove this jar, or delete the configuration of '" + integrationId + "' to let another plugin provide it."
                    : "The integration id '" + integrationId + "' is provided by plugin '" + provider + "': of several plugins"
                    + " that claim one integration id, the one with the lowest Plugin-Id provides it, unless the integration's"
                    + " configuration was made with another.";
            pluginIds.stream().filter(pluginId -> !pluginId.equals(provider)).forEach(pluginId -> refused.put(pluginId, reason));
        });
        return refused;
    }

    /**
     * The refusal of an uploaded plugin that claims an integration id belonging to another plugin: the one its
     * configuration was made with, or else the one that provides it now.
     */
    Optional<HostException> uploadRefusal(String pluginId, String integrationId, Optional<String> provider) {
        Optional<String> owner = owners.owner(integrationId);
        String other = owner.or(() -> provider).filter(id -> !id.equals(pluginId)).orElse(null);
        if (other == null) {
            return Optional.empty();
        }
        String message = owner.isPresent() ? ownedBy(integrationId, other, provider.equals(owner))
                : "The integration id '" + integrationId + "' belongs to plugin '" + other + "', which provides it.";
        String remedy = "To upgrade that plugin, upload a jar with its Plugin-Id '" + other + "'. To let another plugin provide '"
                + integrationId + "', " + (owner.isPresent()
                ? "delete its configuration first"
                : "uninstall plugin '" + other + "' first") + ".";
        Map<String, Object> details = Map.of("integrationId", integrationId, "ownedBy", other);
        HostException refusal = new HostException(FailureKind.CONFLICT, "The plugin jar was not installed: " + message, remedy, details);
        return Optional.of(owner.isPresent() ? refusal.withNextStep(NextStep.deleteConfiguration(integrationId)) : refusal);
    }

    private static String ownedBy(String integrationId, String owner, boolean installed) {
        return "The integration id '" + integrationId + "' belongs to plugin '" + owner + "': its configuration was made with"
                + " that plugin" + (installed ? "." : ", which is not installed.");
    }
}
