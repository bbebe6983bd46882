package io.integrationhost.runtime.plugins;

import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /** A jar that could not be loaded at all: known by its file name only. */
    static PluginStatus unloadable(Path jar, String reason) {
        String fileName = jar.getFileName().toString();
        return new PluginStatus(fileName, null, null, null, null, fileName, PluginState.FAILED, reason, null);
    }

    static void logOutcome(PluginStatus status) {
        if (status.state() == PluginState.STARTED) {
            log.info("Plugin {} {} started ({})", status.pluginId(), status.version(), status.fileName());
        } else {
            log.warn("Plugin {} is {}: {}", status.pluginId(), status.state(), status.reason());
        }
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
