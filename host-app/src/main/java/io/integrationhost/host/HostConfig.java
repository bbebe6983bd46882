package io.integrationhost.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How one host instance runs. Built by {@link Main} from options and environment, or directly in tests.
 *
 * @param bindAddress the address to listen on; loopback by default
 * @param port the port; 0 picks a free one
 * @param pluginsDir the folder plugin jars are loaded from
 * @param dataDir the folder for the embedded database and the key file
 */
public record HostConfig(String bindAddress, int port, Path pluginsDir, Path dataDir) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public HostConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        pluginsDir = pluginsDir.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
    }
}
