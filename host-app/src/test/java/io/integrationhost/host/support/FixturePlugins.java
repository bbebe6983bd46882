package io.integrationhost.host.support;

import io.integrationhost.api.Integration;
import io.integrationhost.host.fixtures.FixtureIntegration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.pf4j.test.PluginJar;

/**
 * Builds throwaway plugin jars for host tests with PF4J's {@link PluginJar} builder (manifest, plugin class,
 * extension index), then adds the resources a host plugin needs: the descriptor and an icon.
 */
public final class FixturePlugins {

    private final String pluginId;
    /** The id the fixture's code answers for {@code integrationId()}: its plugin id, unless it claims another. */
    private String integrationId;
    private String version = "1.0.0";
    private String requires = ">=1.0.0 & <2.0.0";
    private String pluginClass = "org.pf4j.Plugin";
    private String descriptor;
    private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
    private final java.util.List<String> extensions = new java.util.ArrayList<>(java.util.List.of(FixtureIntegration.class.getName()));

    private FixturePlugins(String pluginId) {
        this.pluginId = pluginId;
        this.integrationId = pluginId;
        this.descriptor = descriptorFor(pluginId, pluginId);
    }

    /** A valid plugin providing one integration with the same id. */
    public static FixturePlugins plugin(String pluginId) {
        return new FixturePlugins(pluginId);
    }

    /** The Plugin-Version of the jar ({@code 1.0.0} unless set): a later one is an upgrade. */
    public FixturePlugins version(String version) {
        this.version = version;
        return this;
    }

    public FixturePlugins requires(String requires) {
        this.requires = requires;
        return this;
    }

    /** Sets the PF4J plugin class and packs it into the jar. */
    public FixturePlugins pluginClass(Class<?> pluginClass) throws IOException {
        this.pluginClass = pluginClass.getName();
        return bundling(pluginClass);
    }

    public FixturePlugins descriptor(String json) {
        this.descriptor = json;
        return this;
    }

    /**
     * How this version's connection test behaves: {@code refuse} every token, or {@code crash}; see
     * {@code FixtureIntegration#testConnection}.
     */
    public FixturePlugins connectionTest(String behaviour) {
        extraEntries.put("fixture-connection.txt", behaviour.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a copy of a class from the test class path, as a jar that bundles it would. */
    public FixturePlugins bundling(Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            extraEntries.put(entry, in.readAllBytes());
        }
        return this;
    }

    /**
     * A plugin like a real service's: both authorization modes, an {@code account} and a secret
     * {@code token}, the {@code fixture-token} profile type, and actions that echo, fail or hang (see
     * {@code FixtureIntegration}).
     */
    public static FixturePlugins service(String pluginId) {
        FixturePlugins plugin = new FixturePlugins(pluginId);
        plugin.descriptor = serviceDescriptorFor(pluginId);
        plugin.extensions.add(io.integrationhost.host.fixtures.FixtureProfile.class.getName());
        return plugin;
    }

    /**
     * A plugin with its own Plugin-Id whose descriptor and code claim {@code integrationId}, as a plugin posing as
     * another would: a service named "Impostor" whose code leaves a witness of every call it gets (see
     * {@code ImpostorIntegration}).
     */
    public static FixturePlugins impostor(String pluginId, String integrationId) {
        FixturePlugins plugin = service(pluginId);
        plugin.integrationId = integrationId;
        plugin.descriptor = serviceDescriptorFor(integrationId).replace("\"Fixture Service\"", "\"Impostor\"");
        plugin.extensions.set(0, io.integrationhost.host.fixtures.ImpostorIntegration.class.getName());
        // Its superclass goes into the jar too: a worker finds no class of the tests but those its jar holds.
        try {
            plugin.bundling(FixtureIntegration.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return plugin;
    }

    /**
     * A hostile plugin (see {@code HostileIntegration}): the service's authorization (an {@code account} and a secret
     * {@code token} starting with {@code good}), and actions that end its process ({@code exit}, {@code halt}), hold a
     * thread ignoring interrupts ({@code spin}, input {@code seconds}), fill the heap ({@code allocate}), or reach for
     * what the host keeps: {@code read-env}, {@code read-file} and {@code list-dir} (input {@code path}),
     * {@code load-class} (input {@code className}), {@code open-database} (input {@code url}); and {@code print}
     * (to standard output) and {@code echo} (its input and its own call's token). Its start code (see
     * {@code HostilePlugin}) fails when its settings say so.
     */
    public static FixturePlugins hostile(String pluginId) throws IOException {
        FixturePlugins plugin = new FixturePlugins(pluginId);
        plugin.descriptor = hostileDescriptorFor(pluginId);
        plugin.extensions.set(0, io.integrationhost.host.fixtures.HostileIntegration.class.getName());
        return plugin.pluginClass(io.integrationhost.host.fixtures.HostilePlugin.class).bundling(FixtureIntegration.class);
    }

    public static String hostileDescriptorFor(String id) {
        String actions = java.util.stream.Stream.of("exit", "halt", "spin", "allocate", "read-env", "read-file", "list-dir",
                        "load-class", "open-database", "print", "echo")
                .map(action -> """
                        {"id": "%1$s", "name": "%1$s", "description": "The hostile plugin's %1$s.", "inputSchema": {"type": "object"}}"""
                        .formatted(action))
                .collect(java.util.stream.Collectors.joining(",\n    "));
        return """
                {
                  "id": "%s",
                  "name": "Hostile",
                  "description": "A plugin that tries to break out of its boundary, used by the host's tests.",
                  "category": "Testing",
                  "icon": "icon.svg",
                  "setupInstructions": ["Use a token that starts with 'good'."],
                  "authorization": {
                    "type": "API_KEY",
                    "modes": ["PRE_AUTHORIZED"],
                    "fields": [
                      {"key": "account", "label": "Account", "required": true, "secret": false, "pattern": "^[a-z0-9-]+$"},
                      {"key": "token", "label": "Token", "required": true, "secret": true}
                    ]
                  },
                  "actions": [
                    %s
                  ]
                }
                """.formatted(id, actions);
    }

    /**
     * An OAuth 2.0 plugin (see {@code OAuthFixtureIntegration}): both authorization modes, both grant types, one
     * declared field {@code issuer} (the mock OAuth server's issuer id, a placeholder of the URL templates), the
     * profile type {@link #oauthProfileType(String) <id>-user} with the same spec but the authorization code grant
     * only, and the actions {@code whoami} (the token's claims from the userinfo endpoint), {@code reject-first-token}
     * and {@code reject}. Start its host with {@link #oauthSettings(String, String)} so that its URLs point at the mock
     * server.
     */
    public static FixturePlugins oauth(String pluginId) {
        FixturePlugins plugin = new FixturePlugins(pluginId);
        plugin.descriptor = oauthDescriptorFor(pluginId);
        plugin.extensions.set(0, io.integrationhost.host.fixtures.OAuthFixtureIntegration.class.getName());
        plugin.extensions.add(io.integrationhost.host.fixtures.OAuthFixtureProfile.class.getName());
        return plugin;
    }

    /**
     * The OAuth fixture ({@link #oauth(String)}) with only {@code grantTypes} (such as {@code "CLIENT_CREDENTIALS"})
     * offered by its integration; its profile type keeps the authorization code grant.
     */
    public FixturePlugins integrationGrants(String... grantTypes) {
        String both = "\"grantTypes\": [\"AUTHORIZATION_CODE\", \"CLIENT_CREDENTIALS\"]";
        if (!descriptor.contains(both)) {
            throw new IllegalStateException("integrationGrants applies to the OAuth fixture only");
        }
        String chosen = "\"grantTypes\": [" + String.join(", ", java.util.Arrays.stream(grantTypes).map(g -> "\"" + g + "\"")
                .toList()) + "]";
        descriptor = descriptor.replaceFirst(java.util.regex.Pattern.quote(both), java.util.regex.Matcher.quoteReplacement(chosen));
        return this;
    }

    /** The id of the OAuth fixture's profile type in plugin {@code pluginId}. */
    public static String oauthProfileType(String pluginId) {
        return pluginId + "-user";
    }

    /**
     * The host settings that point the OAuth fixture {@code pluginId} at a mock OAuth server whose base URL (with its
     * trailing slash) is {@code serverBase}: the operator overrides of its authorization, token and revocation URLs,
     * and its userinfo setting, each under the issuer the configuration's {@code issuer} field names.
     */
    public static Map<String, String> oauthSettings(String pluginId, String serverBase) {
        String base = serverBase.endsWith("/") ? serverBase : serverBase + "/";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(io.integrationhost.api.OperatorSettings.variable(pluginId, "OAUTH_AUTHORIZATION_URL"), base + "{issuer}/authorize");
        settings.put(io.integrationhost.api.OperatorSettings.variable(pluginId, "OAUTH_TOKEN_URL"), base + "{issuer}/token");
        settings.put(io.integrationhost.api.OperatorSettings.variable(pluginId, "OAUTH_REVOCATION_URL"), base + "{issuer}/revoke");
        settings.put(io.integrationhost.api.OperatorSettings.variable(pluginId, "USERINFO_URL"), base + "{issuer}/userinfo");
        return settings;
    }

    public static String oauthDescriptorFor(String id) {
        String oauth2 = """
                {
                      "grantTypes": ["AUTHORIZATION_CODE", "CLIENT_CREDENTIALS"],
                      "authorizationUrl": "https://{issuer}.oauth.example/authorize",
                      "tokenUrl": "https://{issuer}.oauth.example/token",
                      "revocationUrl": "https://{issuer}.oauth.example/revoke",
                      "scopes": [
                        {"name": "openid", "description": "Know who you are.", "byDefault": true},
                        {"name": "profile", "description": "Read your name.", "byDefault": true},
                        {"name": "fixture:write", "description": "Change things in the fixture service."}
                      ],
                      "authorizationParameters": {"prompt": "consent"}
                    }""";
        String fields = """
                [{"key": "issuer", "label": "Issuer", "help": "The OAuth server's issuer id.", "required": true, "secret": false,
                                  "pattern": "^[a-z0-9-]+$"}]""";
        return """
                {
                  "id": "%1$s",
                  "name": "OAuth Fixture",
                  "description": "A fixture service reached with OAuth 2.0, used by the host's tests.",
                  "category": "Testing",
                  "icon": "icon.svg",
                  "setupInstructions": ["Register an OAuth app with the fixture server."],
                  "authorization": {
                    "type": "OAUTH2",
                    "modes": ["PRE_AUTHORIZED", "USER_AUTHORIZED"],
                    "fields": %2$s,
                    "oauth2": %3$s
                  },
                  "authorizationProfiles": [{
                    "id": "%4$s", "name": "OAuth Fixture user", "type": "OAUTH2",
                    "fields": %2$s,
                    "oauth2": %5$s
                  }],
                  "actions": [
                    {"id": "whoami", "name": "Who am I", "description": "The claims of the token's owner.", "effect": "READ",
                     "inputSchema": {"type": "object"}},
                    {"id": "reject-first-token", "name": "Reject the first token",
                     "description": "The remote service refuses the first token it sees, then accepts others.",
                     "inputSchema": {"type": "object"}},
                    {"id": "reject", "name": "Reject", "description": "The remote service refuses every token.",
                     "inputSchema": {"type": "object"}}
                  ]
                }
                """.formatted(id, fields, oauth2, oauthProfileType(id),
                // An end user consents: a profile type offers no client credentials grant.
                oauth2.replace("[\"AUTHORIZATION_CODE\", \"CLIENT_CREDENTIALS\"]", "[\"AUTHORIZATION_CODE\"]"));
    }

    public static String serviceDescriptorFor(String id) {
        return """
                {
                  "id": "%s",
                  "name": "Fixture Service",
                  "description": "A fixture service used by the host's tests.",
                  "category": "Testing",
                  "icon": "icon.svg",
                  "setupInstructions": ["Use a token that starts with 'good'."],
                  "authorization": {
                    "type": "API_KEY",
                    "modes": ["PRE_AUTHORIZED", "USER_AUTHORIZED"],
                    "fields": [
                      {"key": "account", "label": "Account", "required": true, "secret": false, "pattern": "^[a-z0-9-]+$"},
                      {"key": "token", "label": "Token", "help": "Starts with 'good'.", "required": true, "secret": true}
                    ]
                  },
                  "authorizationProfiles": [{
                    "id": "fixture-token", "name": "Fixture token", "type": "API_KEY",
                    "fields": [
                      {"key": "account", "label": "Account", "required": true, "secret": false, "pattern": "^[a-z0-9-]+$"},
                      {"key": "token", "label": "Token", "required": true, "secret": true}
                    ]
                  }],
                  "actions": [
                    {"id": "echo", "name": "Echo", "description": "Returns its input.", "effect": "READ",
                     "inputSchema": {"type": "object", "required": ["text"], "additionalProperties": false,
                                     "properties": {"text": {"type": "string", "minLength": 1},
                                                    "day": {"type": "string", "format": "date"}}}},
                    {"id": "reject", "name": "Reject", "description": "The remote service refuses the credentials.",
                     "inputSchema": {"type": "object"}},
                    {"id": "reject-verbosely", "name": "Reject verbosely",
                     "description": "The remote service refuses the credentials with a whole error page.",
                     "inputSchema": {"type": "object"}},
                    {"id": "upstream-down", "name": "Upstream down", "description": "The remote service is down.",
                     "inputSchema": {"type": "object"}},
                    {"id": "rate-limited", "name": "Rate limited",
                     "description": "The remote service asks to wait 6.2 s before the next request.",
                     "inputSchema": {"type": "object"}},
                    {"id": "crash", "name": "Crash", "description": "The plugin throws.", "inputSchema": {"type": "object"}},
                    {"id": "hang", "name": "Hang", "description": "The plugin never answers.", "inputSchema": {"type": "object"}},
                    {"id": "ignore-interrupts", "name": "Ignore interrupts", "description": "The plugin holds its thread for 4 s.",
                     "inputSchema": {"type": "object"}}
                  ]
                }
                """.formatted(id);
    }

    /** A descriptor for an integration named {@code name}, valid against the platform's schema. */
    public static String descriptorFor(String id, String name) {
        return """
                {
                  "id": "%s",
                  "name": "%s",
                  "description": "A fixture integration used by the host's tests.",
                  "category": "Testing",
                  "icon": "icon.svg",
                  "setupInstructions": ["Nothing to set up."],
                  "authorization": {
                    "type": "API_KEY",
                    "modes": ["PRE_AUTHORIZED"],
                    "fields": [{"key": "token", "label": "Token", "required": true, "secret": true}]
                  },
                  "actions": [{"id": "echo", "name": "Echo", "description": "Returns its input.",
                               "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}}]
                }
                """.formatted(id, name);
    }

    /** Writes the jar into {@code folder} and returns its path. */
    public Path writeTo(Path folder) throws IOException {
        Path base = Files.createTempFile(pluginId, ".jar");
        PluginJar.Builder builder = new PluginJar.Builder(base, pluginId)
                .pluginVersion(version)
                .manifestAttribute("Plugin-Requires", requires)
                .manifestAttribute("Plugin-Provider", "Fixtures Inc.");
        extensions.forEach(builder::extension);
        if (!"org.pf4j.Plugin".equals(pluginClass)) {
            builder.pluginClass(pluginClass);
        }
        builder.build();
        Map<String, byte[]> resources = new LinkedHashMap<>(extraEntries);
        resources.put("integration.json", descriptor.getBytes(StandardCharsets.UTF_8));
        resources.put("icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>".getBytes(StandardCharsets.UTF_8));
        resources.put("fixture-id.txt", integrationId.getBytes(StandardCharsets.UTF_8));
        Path target = folder.resolve(pluginId + ".jar");
        copyWith(base, target, resources);
        Files.delete(base);
        return target;
    }

    private static void copyWith(Path source, Path target, Map<String, byte[]> added) throws IOException {
        try (JarFile in = new JarFile(source.toFile());
             OutputStream file = Files.newOutputStream(target);
             JarOutputStream out = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : added.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    /** Platform-api's own class, for jars that wrongly bundle the contract. */
    public static Class<?> platformApiClass() {
        return Integration.class;
    }
}
