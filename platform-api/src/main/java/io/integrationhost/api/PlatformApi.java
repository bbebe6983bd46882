package io.integrationhost.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Constants of the contract: its semantic version and where a plugin's metadata lives.
 *
 * <p>Plugins state {@code Plugin-Requires: >=1.0.0 & <2.0.0} (for example) against {@link #VERSION};
 * the host refuses to start a plugin whose requirement it does not satisfy.
 */
public final class PlatformApi {

    /** Semantic version of this contract; the host reports it as its PF4J system version. */
    public static final String VERSION = readVersion();

    /** Path, inside a plugin jar, of the integration descriptor (JSON). */
    public static final String DESCRIPTOR_RESOURCE = "integration.json";

    /** Class-path resource holding the JSON Schema every descriptor must validate against. */
    public static final String DESCRIPTOR_SCHEMA_RESOURCE = "io/integrationhost/api/integration-descriptor.schema.json";

    /** Package prefix of this contract; a plugin jar must not contain classes under it. */
    public static final String PACKAGE = "io.integrationhost.api";

    private PlatformApi() {
    }

    private static String readVersion() {
        try (InputStream in = PlatformApi.class.getResourceAsStream("platform-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("platform-api.properties is missing from the platform-api jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
