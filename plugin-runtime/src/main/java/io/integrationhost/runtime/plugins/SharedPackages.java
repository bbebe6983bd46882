package io.integrationhost.runtime.plugins;

import io.integrationhost.api.PluginPackaging;

/**
 * The packages every plugin class loader takes from the host, never from the plugin's own jar.
 *
 * <p>Two reasons. A type that crosses the boundary must be one class, loaded once: a plugin-side copy of
 * {@code Integration} is a different type, so its extensions would not be found or would fail with
 * "X cannot be cast to X". And SLF4J's {@code Logger} appears in signatures on both sides; two copies
 * violate the JVM's loader constraints. Everything else a plugin uses stays private to it, so plugins
 * may ship different versions of the same library without affecting each other or the host. The packages are the
 * contract's {@link PluginPackaging#SHARED_PACKAGES}, the same that a plugin jar must not bundle.
 */
final class SharedPackages {

    private SharedPackages() {
    }

    static boolean isShared(String className) {
        return PluginPackaging.isShared(className);
    }
}
