package io.integrationhost.runtime.plugins;

import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.PluginDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the host says about a plugin jar: its status, the log line of its outcome, and the refusal of an upload. */
final class PluginStatuses {

    private static final Logger log = LoggerFactory.getLogger(PluginStatuses.class);

    private PluginStatuses() {
    }

    static PluginStatus of(PluginDescriptor pf4j, String fileName, PluginState state, String reason, String integrationId) {
        return new PluginStatus(pf4j.getPluginId(), pf4j.getVersion(), pf4j.getProvider(), pf4j.getPluginDescription(),
                pf4j.getRequires(), fileName, state, reason, integrationId);
    }

    /** A jar that could not be loaded at all: known by its Plugin-Id where its manifest could be read, else by its file name. */
    static PluginStatus unloadable(Path jar, Optional<String> pluginId, String reason) {
        String fileName = jar.getFileName().toString();
        return new PluginStatus(pluginId.orElse(fileName), null, null, null, null, fileName, PluginState.FAILED, reason, null);
    }

    /** A file of the plugins folder that is not a jar: listed, so that an administrator sees it was not loaded. */
    static PluginStatus ignored(Path file) {
        String fileName = file.getFileName().toString();
        return new PluginStatus(fileName, null, null, null, null, fileName, PluginState.IGNORED,
                "This file is not a jar, so it was not loaded: only files ending in .jar are plugins.", null);
    }

    static void logOutcome(PluginStatus status) {
        if (status.state() == PluginState.STARTED) {
            log.info("Plugin {} {} started ({})", status.pluginId(), status.version(), status.fileName());
        } else if (status.state() == PluginState.IGNORED) {
            log.info("Ignored {} in the plugins folder: {}", status.fileName(), status.reason());
        } else if (status.pluginId().equals(status.fileName())) {
            log.warn("Plugin {} is {}: {}", status.pluginId(), status.state(), status.reason());
        } else {
            log.warn("Plugin {} ({}) is {}: {}", status.pluginId(), status.fileName(), status.state(), status.reason());
        }
    }

    /**
     * {@code failure} with the refused jar's {@code pluginId} among its details, when it is a refusal and the jar names
     * its id; any other failure as it is.
     */
    static HostException naming(String pluginId, HostException failure) {
        if (pluginId == null || failure.failureKind() != FailureKind.PLUGIN_REFUSED || failure.details().containsKey("pluginId")) {
            return failure;
        }
        Map<String, Object> details = new LinkedHashMap<>(failure.details());
        details.put("pluginId", pluginId);
        return failure.withDetails(details);
    }

    /** The refusal of an uploaded jar, with every reason on its own in {@code reasons}. */
    static HostException refused(List<String> reasons) {
        String sentences = String.join(" ", reasons.stream().map(reason -> reason.endsWith(".") ? reason : reason + ".").toList());
        return new HostException(FailureKind.PLUGIN_REFUSED, "The plugin jar was not installed: " + sentences,
                "Fix what 'reasons' lists (the plugin development guide explains each rule) and upload the jar again;"
                        + " an installed version of the plugin keeps running meanwhile.",
                Map.of("reasons", reasons));
    }
}
