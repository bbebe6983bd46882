package io.integrationhost.runtime.plugins;

import io.integrationhost.api.PluginPackaging;
import io.integrationhost.runtime.error.HostException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginWrapper;

/**
 * Installs a staged upload without disturbing the other plugins. The jar is checked whole before anything installed
 * is touched: the packaging rules, its manifest, then it is loaded and started by a plugin manager of its own over
 * its staging folder, with every check a jar of the plugins folder gets (descriptor, {@code Plugin-Requires}, the
 * operator's disabled list, start, extensions) and the integration id it claims, which must not belong to another
 * plugin. What passed is what is installed: the same loaded, started plugin, so its jar is read and its start code
 * runs once. An upgrade's new version must then pass the {@link UpgradeCheck}. Only then is the version it replaces stopped and its jar moved to {@link PreviousVersions}
 * (for a rollback, which installs that jar again through here); a refused jar leaves the running plugins untouched
 * and nothing in the plugins folder.
 */
final class UploadInstall {

    private final Path pluginsDir;
    private final ReloadCheck reloadCheck;
    private final IntegrationClaims claims;
    private final PluginStarter starter;
    private final InstalledPlugins installed;
    private final PreviousVersions previous;
    private final Supplier<UpgradeCheck> upgradeCheck;

    UploadInstall(Path pluginsDir, ReloadCheck reloadCheck, IntegrationClaims claims, PluginStarter starter,
                  InstalledPlugins installed, PreviousVersions previous, Supplier<UpgradeCheck> upgradeCheck) {
        this.pluginsDir = pluginsDir;
        this.reloadCheck = reloadCheck;
        this.claims = claims;
        this.starter = starter;
        this.installed = installed;
        this.previous = previous;
        this.upgradeCheck = upgradeCheck;
    }

    /**
     * Checks and installs the jar {@link UploadStaging} received; its staging folder is discarded unless it passes.
     * Call under the runtime's lock.
     *
     * @throws HostException when the jar is refused, with every reason
     */
    PluginStatus install(Path staged) {
        Path staging = staged.getParent();
        HostPluginManager own = null;
        InstalledIntegration integration = null;
        boolean kept = false;
        String checkedId = null;
        try {
            installed.requireLoaded();
            String pluginId = checkedJar(staged);
            checkedId = pluginId;
            own = HostPluginManager.forUpload(staging, pluginsDir);
            Map<String, InstalledIntegration> provided = new LinkedHashMap<>(installed.snapshot().integrations());
            // What the version it replaces provides is not in the new one's way.
            provided.values().removeIf(other -> other.plugin().pluginId().equals(pluginId));
            PluginStatus status = tryOut(own, staged, pluginId, provided);
            integration = status.integrationId() == null ? null : provided.get(status.integrationId());
            requireUpgradeCheckPassed(pluginId, integration);

            keepReplaced(pluginId, status.version());
            // One snapshot change: calls move from the old version to the new one, none finds neither.
            installed.replace(List.of(pluginId, status.fileName()), status, integration, own, staging,
                    () -> place(staged, pluginsDir.resolve(status.fileName())));
            kept = true;
            PluginStatuses.logOutcome(status);
            return status;
        } catch (HostException refusal) {
            // Whoever uploaded it learns which plugin was refused, as the Plugins page names a jar of the folder.
            throw PluginStatuses.naming(checkedId != null ? checkedId : declaredPluginId(staged), refusal);
        } finally {
            if (!kept) {
                if (integration != null) {
                    PluginStarter.closeQuietly(integration);
                }
                if (own != null) {
                    InstalledPlugins.unloadEach(own);
                }
                UploadStaging.discard(staging);
            }
        }
    }

    /**
     * Asks the {@link UpgradeCheck} about a new version of an installed plugin's integration, started and not serving
     * yet; a first install, or a version the operator disabled, has nothing to compare.
     */
    private void requireUpgradeCheckPassed(String pluginId, InstalledIntegration next) {
        if (next == null || next.runnable().isEmpty()) {
            return;
        }
        Optional<InstalledIntegration> serving = installed.snapshot().integration(next.id())
                .filter(current -> current.plugin().pluginId().equals(pluginId) && current.runnable().isPresent());
        if (serving.isPresent()) {
            upgradeCheck.get().refusal(serving.get(), next).ifPresent(refusal -> {
                throw refusal;
            });
        }
    }

    /**
     * Keeps the jar of the version an upgrade replaces, for a rollback. Installing the same version again keeps
     * what was kept: it replaces nothing one could go back to.
     */
    private void keepReplaced(String pluginId, String newVersion) {
        installed.snapshot().plugin(pluginId)
                .filter(old -> old.pluginId().equals(pluginId) && old.version() != null && !old.version().equals(newVersion))
                .ifPresent(old -> previous.keep(pluginId, pluginsDir.resolve(old.fileName())));
    }

    /** Checks what can be checked without loading the jar, and gives its Plugin-Id. */
    private String checkedJar(Path staged) {
        List<String> violations;
        try {
            violations = PluginPackaging.violations(staged);
        } catch (IOException e) {
            throw PluginStatuses.refused(List.of("The file is not a readable jar: " + PluginFailures.describe(e)));
        }
        if (!violations.isEmpty()) {
            throw PluginStatuses.refused(violations);
        }
        String pluginId = pluginIdOf(staged);
        reloadCheck.requireReloadable(pluginId);
        String fileName = staged.getFileName().toString();
        Optional<PluginStatus> sameFile = installed.snapshot().plugins().stream()
                .filter(p -> p.fileName().equals(fileName) && !p.pluginId().equals(pluginId) && !p.pluginId().equals(fileName))
                .findFirst();
        if (sameFile.isPresent()) {
            throw HostException.conflict("The file " + fileName + " belongs to the installed plugin '"
                    + sameFile.get().pluginId() + "'.", "Upload the jar under another file name, or uninstall that plugin first.");
        }
        return pluginId;
    }

    /** The Plugin-Id the jar's manifest states, or {@code null} when it states none or cannot be read. */
    private static String declaredPluginId(Path jar) {
        try {
            String pluginId = new ManifestPluginDescriptorFinder().find(jar).getPluginId();
            return pluginId == null || pluginId.isBlank() ? null : pluginId;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The Plugin-Id of an uploaded jar's manifest; a jar without one is refused. */
    private static String pluginIdOf(Path jar) {
        String pluginId;
        try {
            pluginId = new ManifestPluginDescriptorFinder().find(jar).getPluginId();
        } catch (RuntimeException e) {
            throw PluginStatuses.refused(List.of("The jar's manifest has no valid plugin descriptor: " + PluginFailures.describe(e)));
        }
        if (pluginId == null || pluginId.isBlank()) {
            throw PluginStatuses.refused(List.of("The jar's manifest (META-INF/MANIFEST.MF) has no Plugin-Id: every plugin names its id there."));
        }
        return pluginId;
    }

    /**
     * Loads and starts the jar in its own manager, adding what it provides to {@code provided}. The integration id it
     * claims is checked before any of its code runs.
     *
     * @return its status: started, or disabled by the operator
     * @throws HostException with every reason the jar would not start for
     */
    private PluginStatus tryOut(HostPluginManager own, Path staged, String pluginId, Map<String, InstalledIntegration> provided) {
        PluginWrapper plugin;
        try {
            plugin = own.getPlugin(own.loadCheckedPlugin(staged));
        } catch (RuntimeException | LinkageError e) {
            throw PluginStatuses.refused(List.of(own.loadFailures().getOrDefault(staged, PluginFailures.describe(e))));
        }
        DescriptorReader.Result read = starter.readDescriptor(plugin);
        if (read.valid()) {
            String integrationId = read.descriptor().id();
            Optional<String> provider = installed.snapshot().integration(integrationId).map(other -> other.plugin().pluginId());
            claims.uploadRefusal(pluginId, integrationId, provider).ifPresent(refusal -> {
                throw refusal;
            });
        }
        PluginStatus status = starter.start(own, plugin, read, provided, true);
        boolean disabledByOperator = status.state() == PluginState.DISABLED && own.satisfiesRequirement(plugin.getDescriptor());
        if (disabledByOperator && !read.valid()) {
            throw PluginStatuses.refused(read.violations());
        }
        if (status.state() != PluginState.STARTED && !disabledByOperator) {
            // A plugin that failed holds no started code to close; its manager is unloaded with the staging folder.
            throw PluginStatuses.refused(status.reasons());
        }
        return status;
    }

    /**
     * Puts the checked jar into the plugins folder for the next start: a second name for the same file where the file
     * system allows it (the running plugin keeps reading it from its staging folder), a copy where not.
     */
    private static void place(Path staged, Path target) {
        try {
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, staged);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(staged, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Installing " + target.getFileName() + " failed", e);
        }
    }
}
