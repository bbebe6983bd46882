package io.integrationhost.host.plugins;

import java.net.URL;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/** A plugin's class loader: plugin-first, except for the {@link SharedPackages}, which come from the host. */
final class HostPluginClassLoader extends PluginClassLoader {

    HostPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader parent) {
        super(pluginManager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return SharedPackages.isShared(className);
    }

    /** A resource from this plugin's jar only, never from the host or another plugin. */
    URL findOwnResource(String name) {
        return findResource(name);
    }
}
