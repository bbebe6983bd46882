package io.integrationhost.host;

import io.integrationhost.host.catalog.Catalog;
import io.integrationhost.host.plugins.PluginRuntime;
import io.integrationhost.host.web.WebServer;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running host: the composition root. Each collaborator is created here, in dependency order, and
 * closed in reverse.
 */
public final class IntegrationHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntegrationHost.class);

    private final HostConfig config;
    private final PluginRuntime plugins;
    private final WebServer web;

    private IntegrationHost(HostConfig config, PluginRuntime plugins, WebServer web) {
        this.config = config;
        this.plugins = plugins;
        this.web = web;
    }

    public static IntegrationHost start(HostConfig config) {
        PluginRuntime plugins = new PluginRuntime(config.pluginsDir());
        plugins.load();
        Catalog catalog = new Catalog(plugins);
        WebServer web = WebServer.start(config, catalog, plugins);
        IntegrationHost host = new IntegrationHost(config, plugins, web);
        log.info("Integration Host is serving at {} (plugins: {}, data: {})", host.baseUri(), config.pluginsDir(),
                config.dataDir());
        return host;
    }

    /** Where the host answers, such as {@code http://127.0.0.1:8080/}. */
    public URI baseUri() {
        return URI.create("http://" + hostForUri(config.bindAddress()) + ":" + web.port() + "/");
    }

    public PluginRuntime plugins() {
        return plugins;
    }

    private static String hostForUri(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    @Override
    public void close() {
        web.close();
        plugins.close();
    }
}
