package io.integrationhost.runtime.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every jar of the plugins folder into one new manager and starts those that are valid. One bad jar never
 * stops the others, and its failure is kept with the reason rather than logged and lost. Of several jars that claim
 * one integration id, one provides it, chosen by {@link IntegrationClaims} whatever the order the jars load in; the
 * others fail before any of their code runs.
 */
final class FolderLoad {

    private static final Logger log = LoggerFactory.getLogger(FolderLoad.class);

    /** The operator's settings in the plugins folder (see PF4J's DefaultPluginStatusProvider). */
    private static final Set<String> OPERATOR_FILES = Set.of("enabled.txt", "disabled.txt");

    private final Path pluginsDir;
    private final IntegrationClaims claims;
    private final PluginStarter starter;

    /** What loading the folder made: the manager that holds its plugins, and what came of each jar. */
    record Loaded(HostPluginManager manager, List<PluginStatus> statuses, Map<String, InstalledIntegration> integrations) {
    }

    FolderLoad(Path pluginsDir, IntegrationClaims claims, PluginStarter starter) {
        this.pluginsDir = pluginsDir;
        this.claims = claims;
        this.starter = starter;
    }

    Loaded load() {
        try {
            Files.createDirectories(pluginsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the plugins folder " + pluginsDir, e);
        }
        HostPluginManager manager = new HostPluginManager(pluginsDir);
        try {
            manager.loadPlugins();
        } catch (RuntimeException e) {
            log.error("Resolving plugins failed: {}", PluginFailures.describe(e));
        }
        // In the order of their ids, not PF4J's: which plugin provides what must not depend on how the jars load.
        List<PluginWrapper> loaded = new ArrayList<>(manager.getPlugins());
        loaded.sort(Comparator.comparing(PluginWrapper::getPluginId));
        Map<PluginWrapper, DescriptorReader.Result> reads = new LinkedHashMap<>();
        Map<String, String> claimed = new LinkedHashMap<>();
        for (PluginWrapper plugin : loaded) {
            DescriptorReader.Result read = starter.readDescriptor(plugin);
            reads.put(plugin, read);
            if (read.valid()) {
                claimed.put(plugin.getPluginId(), read.descriptor().id());
            }
        }
        // A plugin that claims an integration id another provides is refused before any of its code runs.
        Map<String, String> refused = claims.refused(claimed);
        List<PluginStatus> statuses = new ArrayList<>();
        Map<String, InstalledIntegration> integrations = new LinkedHashMap<>();
        for (PluginWrapper plugin : loaded) {
            String reason = refused.get(plugin.getPluginId());
            statuses.add(reason == null ? starter.start(manager, plugin, reads.get(plugin), integrations, false)
                    : PluginStatuses.of(plugin.getDescriptor(), PluginStarter.fileName(plugin), PluginState.FAILED, reason,
                    claimed.get(plugin.getPluginId())));
        }
        manager.loadFailures().forEach((path, reason) -> statuses.add(PluginStatuses.unloadable(path,
                manager.refusedPluginId(path).filter(id -> manager.getPlugin(id) == null), reason)));
        notJars().forEach(file -> statuses.add(PluginStatuses.ignored(file)));
        statuses.forEach(PluginStatuses::logOutcome);
        return new Loaded(manager, statuses, integrations);
    }

    /**
     * The files of the folder that PF4J passes over because they are not jars. Folders, hidden files and the
     * operator's {@code enabled.txt} and {@code disabled.txt} are no plugins to report.
     */
    private List<Path> notJars() {
        try (Stream<Path> files = Files.list(pluginsDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return !name.toLowerCase(Locale.ROOT).endsWith(".jar") && !name.startsWith(".") && !OPERATOR_FILES.contains(name);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            log.warn("Cannot list the plugins folder {}: {}", pluginsDir, PluginFailures.describe(e));
            return List.of();
        }
    }
}
