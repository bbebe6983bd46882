package io.integrationhost.host;

import io.integrationhost.host.config.HostConfig;
import io.integrationhost.host.config.StartupException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a host with embedded defaults: loopback, port 8080, ./plugins, ./data. */
@Command(name = "integration-host", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Loads integration plugins, stores their credentials and runs their actions.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:HOST_PORT:-8080}",
            description = "Port to listen on (env HOST_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "${env:HOST_BIND_ADDRESS:-127.0.0.1}",
            description = "Address to listen on (env HOST_BIND_ADDRESS; default ${DEFAULT-VALUE}, loopback only).")
    String bindAddress;

    @Option(names = "--plugins-dir", defaultValue = "${env:HOST_PLUGINS_DIR:-plugins}",
            description = "Folder of plugin jars (env HOST_PLUGINS_DIR; default ${DEFAULT-VALUE}).")
    Path pluginsDir;

    @Option(names = "--database-url", defaultValue = "${env:HOST_DATABASE_URL}",
            description = "JDBC URL of the database, e.g. jdbc:postgresql://db:5432/host (env HOST_DATABASE_URL;"
                    + " default: an H2 file in the data folder). User and password: HOST_DATABASE_USER, HOST_DATABASE_PASSWORD.")
    String databaseUrl;

    @Option(names = "--public-url", defaultValue = "${env:HOST_PUBLIC_URL}",
            description = "Address end users reach the host at, for authorization links (env HOST_PUBLIC_URL;"
                    + " default: the listening address).")
    java.net.URI publicUrl;

    @Option(names = "--data-dir", defaultValue = "${env:HOST_DATA_DIR:-data}",
            description = "Folder for the embedded database and key file (env HOST_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        IntegrationHost host;
        try {
            host = IntegrationHost.start(
                    new HostConfig(bindAddress, port, pluginsDir, dataDir, databaseUrl, publicUrl, System.getenv()));
        } catch (StartupException e) {
            System.err.println("Integration Host did not start: " + e.getMessage());
            System.err.println(e.remedy());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stopped.countDown();
        }, "host-shutdown"));
        stopped.await();
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Integration Host, platform API " + io.integrationhost.api.PlatformApi.VERSION};
        }
    }
}
