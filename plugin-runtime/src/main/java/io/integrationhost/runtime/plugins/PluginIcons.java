package io.integrationhost.runtime.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the icon a descriptor names from the plugin's own jar, once, when the plugin is loaded: the catalog serves
 * the bytes from memory. An icon that is missing, unreadable or over the limit is no icon, not a failure (the
 * descriptor rules report an oversized one).
 */
final class PluginIcons {

    private static final Logger log = LoggerFactory.getLogger(PluginIcons.class);

    private PluginIcons() {
    }

    /** The icon {@code name} of the plugin {@code loader} loads, or {@code null}. */
    static InstalledIntegration.Icon read(HostPluginClassLoader loader, String name) {
        URL url = loader.findOwnResource(name);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readNBytes(DescriptorReader.MAX_ICON_BYTES + 1);
            if (bytes.length > DescriptorReader.MAX_ICON_BYTES) {
                log.warn("Icon {} is larger than {} bytes; not shown", name, DescriptorReader.MAX_ICON_BYTES);
                return null;
            }
            return new InstalledIntegration.Icon(name.endsWith(".svg") ? "image/svg+xml" : "image/png", bytes);
        } catch (IOException e) {
            log.warn("Icon {} cannot be read: {}", name, PluginFailures.describe(e));
            return null;
        }
    }
}
