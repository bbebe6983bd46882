package io.integrationhost.runtime.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/** A plugin's class loader: plugin-first, except for the {@link SharedPackages}, which come from the host. */
final class HostPluginClassLoader extends PluginClassLoader {

    /** Opens a {@code jar:} address with a jar file of its own, closed with the stream. */
    private static final URLStreamHandler UNCACHED = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL address) throws IOException {
            URLConnection connection = new URL(address.toString()).openConnection();
            connection.setUseCaches(false);
            return connection;
        }
    };

    HostPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader parent) {
        super(pluginManager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return SharedPackages.isShared(className);
    }

    /**
     * A resource from this plugin's jar only, never from the host or another plugin. It is read past the JDK's cache
     * of opened jars: that cache outlives this loader, and would show a jar replaced under the same file name as it
     * was before, and keep a removed one open.
     */
    URL findOwnResource(String name) {
        URL found = findResource(name);
        if (found == null) {
            return null;
        }
        try {
            return new URL(null, found.toString(), UNCACHED);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("The class loader gave a malformed address: " + found, e);
        }
    }
}
