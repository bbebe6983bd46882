package io.integrationhost.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.PluginPackaging;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.FieldType;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.host.plugins.ActionInputSchemas;
import io.integrationhost.host.plugins.DescriptorReader;
import io.integrationhost.host.plugins.PluginState;
import io.integrationhost.host.plugins.PluginStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.stream.Collectors;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * The platform's contract checks for one built plugin jar: the entry point of the plugin test kit.
 *
 * <pre>{@code
 * PluginContract.forBuiltJar().verify();                              // every rule, every violation listed
 * PluginContract.forJar(jar).verify(ContractRule.SECRET_FIELDS);      // one rule
 * assertThat(PluginContract.forJar(jar).violations()).isEmpty();      // the violations as values
 * }</pre>
 *
 * <p>Each {@link ContractRule} is checked by the code that enforces it in the host wherever there is
 * such code: the packaging rules of {@code platform-api}, the host's descriptor reader and input-schema
 * compiler, and the host's plugin runtime, which loads the jar from a plugins folder of its own. The kit
 * adds only what the host cannot see at load time but a plugin's users would suffer from: an icon that
 * is not one, a required input no form can ask for, a secret-looking field left readable, a
 * {@code Plugin-Requires} that accepts the next major version.
 *
 * <p>Immutable; each call reads the jar again, so one instance can check a jar rebuilt in between.
 */
public final class PluginContract {

    /** The host does not show larger icons. */
    static final int MAX_ICON_BYTES = 256 * 1024;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Words that, in a field's key or label, say it holds a secret. */
    private static final Set<String> SECRET_WORDS = Set.of("key", "apikey", "token", "password", "passwd", "passphrase",
            "secret");
    /** Words that say a field holds an address, which is public even when its name mentions a token ("tokenUrl"). */
    private static final Set<String> ADDRESS_WORDS = Set.of("url", "uri", "endpoint");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<ContractRule> NEEDS_DESCRIPTOR = EnumSet.of(ContractRule.ICON, ContractRule.INPUT_SCHEMAS,
            ContractRule.SECRET_FIELDS);

    private final Path jar;
    private final Set<String> notSecret;

    private PluginContract(Path jar, Set<String> notSecret) {
        this.jar = jar;
        this.notSecret = Set.copyOf(notSecret);
    }

    /** The contract checks for {@code builtJar}, such as {@code target/acme-plugin-1.0.0.jar}. */
    public static PluginContract forJar(Path builtJar) {
        return new PluginContract(builtJar, Set.of());
    }

    /** The contract checks for the jar this project's build packaged (see {@link BuiltPluginJar#path()}). */
    public static PluginContract forBuiltJar() {
        return forJar(BuiltPluginJar.path());
    }

    /**
     * These checks, except that the credential fields with these keys may be public although their key or
     * label looks like a secret's (a {@code keyId}, say, that is not itself secret).
     */
    public PluginContract treatingAsNotSecret(String... fieldKeys) {
        Set<String> keys = new TreeSet<>(notSecret);
        keys.addAll(Arrays.asList(fieldKeys));
        return new PluginContract(jar, keys);
    }

    /** The jar these checks read. */
    public Path jar() {
        return jar;
    }

    /** Every violation of every rule; empty when the jar keeps the whole contract. */
    public List<ContractViolation> violations() {
        return violations(ContractRule.values());
    }

    /** Every violation of the given rules. */
    public List<ContractViolation> violations(ContractRule... rules) {
        if (rules.length == 0) {
            return List.of();
        }
        Set<ContractRule> wanted = EnumSet.copyOf(Arrays.asList(rules));
        Findings found = new Findings(wanted);
        if (!Files.isRegularFile(jar)) {
            found.add(wanted.iterator().next(), "There is no plugin jar at " + jar.toAbsolutePath() + "; build it first (mvn package).");
            return found.list();
        }
        try (JarView view = JarView.open(jar)) {
            if (wanted.contains(ContractRule.PACKAGING)) {
                PluginPackaging.violations(jar).forEach(message -> found.add(ContractRule.PACKAGING, message));
            }
            if (wanted.contains(ContractRule.MANIFEST)) {
                checkManifest(view.manifest(), found);
            }
            if (wanted.contains(ContractRule.DESCRIPTOR) || wanted.stream().anyMatch(NEEDS_DESCRIPTOR::contains)) {
                checkDescriptor(view, found);
            }
            if (wanted.contains(ContractRule.EXTENSIONS)) {
                checkExtensions(view, found);
            }
        } catch (IOException e) {
            ContractRule rule = wanted.contains(ContractRule.PACKAGING) ? ContractRule.PACKAGING : wanted.iterator().next();
            found.add(rule, jar + " is not a readable jar: " + e.getMessage());
        }
        return found.list();
    }

    /**
     * Checks every rule.
     *
     * @throws AssertionError listing every violation, when there is any
     */
    public void verify() {
        verify(ContractRule.values());
    }

    /**
     * Checks the given rules.
     *
     * @throws AssertionError listing every violation of them, when there is any
     */
    public void verify(ContractRule... rules) {
        List<ContractViolation> violations = violations(rules);
        if (!violations.isEmpty()) {
            throw new AssertionError("The plugin jar " + jar + " breaks the platform's contract in " + violations.size()
                    + (violations.size() == 1 ? " way" : " ways") + ":\n" + violations.stream()
                    .map(violation -> "  " + violation).collect(Collectors.joining("\n")));
        }
    }

    private static void checkManifest(Attributes manifest, Findings found) {
        String id = manifest.getValue("Plugin-Id");
        String version = manifest.getValue("Plugin-Version");
        String requires = manifest.getValue("Plugin-Requires");
        if (id == null || id.isBlank()) {
            found.add(ContractRule.MANIFEST, "The manifest has no Plugin-Id; PF4J cannot load the jar without one.");
        }
        VersionManager versions = new DefaultVersionManager();
        if (version == null || version.isBlank()) {
            found.add(ContractRule.MANIFEST, "The manifest has no Plugin-Version; set it to the project's version.");
        } else if (!isSemanticVersion(versions, version)) {
            found.add(ContractRule.MANIFEST, "Plugin-Version '" + version + "' is not a semantic version such as 1.0.0.");
        }
        if (requires == null || requires.isBlank() || "*".equals(requires.strip())) {
            found.add(ContractRule.MANIFEST, "The manifest has no Plugin-Requires, so the host would start the plugin on "
                    + "any platform version, including incompatible ones; state the range it was built for, such as "
                    + recommendedRange() + ".");
            return;
        }
        String range = requires.strip();
        try {
            if (!versions.checkVersionConstraint(PlatformApi.VERSION, range)) {
                found.add(ContractRule.MANIFEST, "Plugin-Requires '" + range + "' excludes this platform's version "
                        + PlatformApi.VERSION + "; the host would load the plugin disabled.");
            } else if (versions.checkVersionConstraint(nextMajor(), range)) {
                found.add(ContractRule.MANIFEST, "Plugin-Requires '" + range + "' also accepts platform " + nextMajor()
                        + ", whose contract may change incompatibly; bound it, such as " + recommendedRange() + ".");
            }
        } catch (RuntimeException e) {
            found.add(ContractRule.MANIFEST, "Plugin-Requires '" + range + "' is not a version range PF4J understands ("
                    + e.getMessage() + "); write it like " + recommendedRange() + ".");
        }
    }

    private static boolean isSemanticVersion(VersionManager versions, String version) {
        try {
            versions.compareVersions(version.strip(), "0.0.0");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String nextMajor() {
        return (Integer.parseInt(PlatformApi.VERSION.split("\\.")[0]) + 1) + ".0.0";
    }

    /** The range a plugin built against this platform version should state, such as {@code >=1.0.0 & <2.0.0}. */
    static String recommendedRange() {
        String[] parts = PlatformApi.VERSION.split("[.-]");
        return ">=" + parts[0] + "." + parts[1] + ".0 & <" + nextMajor();
    }

    private void checkDescriptor(JarView view, Findings found) {
        DescriptorReader.Result read = new DescriptorReader().read(view::resource);
        read.violations().forEach(message -> found.add(ContractRule.DESCRIPTOR, message));
        if (!read.valid()) {
            for (ContractRule rule : NEEDS_DESCRIPTOR) {
                if (found.wants(rule) && !found.wants(ContractRule.DESCRIPTOR)) {
                    found.add(rule, "Not checked: " + PlatformApi.DESCRIPTOR_RESOURCE + " does not pass the host's checks ("
                            + String.join("; ", read.violations()) + ").");
                }
            }
            return;
        }
        IntegrationDescriptor descriptor = read.descriptor();
        if (found.wants(ContractRule.ICON)) {
            checkIcon(view, descriptor.icon(), found);
        }
        if (found.wants(ContractRule.INPUT_SCHEMAS)) {
            checkInputSchemas(descriptor, found);
        }
        if (found.wants(ContractRule.SECRET_FIELDS)) {
            checkSecretFields("$.authorization.fields", descriptor.authorization().fields(), found);
            for (ProfileTypeSpec profile : descriptor.authorizationProfiles()) {
                checkSecretFields("$.authorizationProfiles[" + profile.id() + "].fields", profile.fields(), found);
            }
        }
    }

    private static void checkIcon(JarView view, String icon, Findings found) {
        byte[] bytes = view.bytes(icon);
        if (bytes.length > MAX_ICON_BYTES) {
            found.add(ContractRule.ICON, "The icon '" + icon + "' has " + bytes.length + " bytes; the host shows icons of at most "
                    + MAX_ICON_BYTES + " bytes.");
        }
        boolean looksRight = icon.endsWith(".svg")
                ? new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("<svg")
                : bytes.length >= PNG_SIGNATURE.length && Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE);
        if (!looksRight) {
            found.add(ContractRule.ICON, "The icon '" + icon + "' is not " + (icon.endsWith(".svg") ? "an SVG image (no <svg> element)"
                    : "a PNG image (no PNG signature)") + ".");
        }
    }

    private static void checkInputSchemas(IntegrationDescriptor descriptor, Findings found) {
        try {
            ActionInputSchemas.compile(descriptor);
        } catch (RuntimeException e) {
            found.add(ContractRule.INPUT_SCHEMAS, "The host's validator cannot compile the input schemas: " + e.getMessage());
            return;
        }
        for (ActionSpec action : descriptor.actions()) {
            String where = "$.actions[" + action.id() + "].inputSchema";
            List<String> remote = remoteReferences(action.inputSchema());
            if (!remote.isEmpty()) {
                found.add(ContractRule.INPUT_SCHEMAS, where + " refers to " + remote + "; the host would fetch them while "
                        + "validating a call. Put the definitions under '$defs' and refer to them as '#/$defs/...'.");
            } else {
                checkReferencesResolve(where, action.inputSchema(), found);
            }
            Object required = action.inputSchema().get("required");
            Object properties = action.inputSchema().get("properties");
            if (required instanceof List<?> names) {
                for (Object name : names) {
                    if (!(properties instanceof Map<?, ?> declared) || !declared.containsKey(name)) {
                        found.add(ContractRule.INPUT_SCHEMAS, where + " requires '" + name + "' but does not declare it under "
                                + "'properties', so a form built from the schema cannot ask for it.");
                    }
                }
            }
        }
    }

    /**
     * The host compiles input schemas once but resolves each reference only when a call's input reaches it,
     * where an unresolvable one fails the call; resolving them all now finds that before any call does.
     */
    private static void checkReferencesResolve(String where, Map<String, Object> inputSchema, Findings found) {
        try {
            // Compiled as ActionInputSchemas compiles them: draft 2020-12, formats asserted.
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(JSON.valueToTree(inputSchema), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                    .initializeValidators();
        } catch (RuntimeException e) {
            found.add(ContractRule.INPUT_SCHEMAS, where + " fails in the host's validator: " + e.getMessage());
        }
    }

    /** Every {@code $ref} in the schema that points outside it. */
    private static List<String> remoteReferences(Object schema) {
        List<String> remote = new ArrayList<>();
        if (schema instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (("$ref".equals(key) || "$dynamicRef".equals(key)) && value instanceof String reference
                        && !reference.startsWith("#")) {
                    remote.add(reference);
                } else {
                    remote.addAll(remoteReferences(value));
                }
            });
        } else if (schema instanceof List<?> list) {
            list.forEach(item -> remote.addAll(remoteReferences(item)));
        }
        return remote;
    }

    private void checkSecretFields(String where, List<CredentialField> fields, Findings found) {
        for (CredentialField field : fields) {
            if (!field.secret() && !notSecret.contains(field.key()) && looksSecret(field)) {
                found.add(ContractRule.SECRET_FIELDS, where + ": '" + field.key() + "' (" + field.label() + ") looks like a "
                        + "secret but is not flagged \"secret\": true; secret values are encrypted at rest and masked in every "
                        + "answer. If it really is public, exempt it with treatingAsNotSecret(\"" + field.key() + "\").");
            }
        }
    }

    /** Whether a field's key or label names a key, token, password or secret, and the field is not an address. */
    static boolean looksSecret(CredentialField field) {
        if (field.type() == FieldType.URL || field.type() == FieldType.EMAIL) {
            return false;
        }
        Set<String> words = new TreeSet<>(words(field.key()));
        words.addAll(words(field.label()));
        return words.stream().noneMatch(ADDRESS_WORDS::contains) && words.stream().anyMatch(SECRET_WORDS::contains);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT))
                .toList();
    }

    private void checkExtensions(JarView view, Findings found) {
        for (String extension : view.extensionIndex()) {
            if (!view.has(classEntry(extension))) {
                found.add(ContractRule.EXTENSIONS, PluginPackaging.EXTENSION_INDEX + " names " + extension + ", which is not "
                        + "inside the jar; the host would not find it (a test class path may, and hide the mistake).");
            }
        }
        String pluginClass = view.manifest().getValue("Plugin-Class");
        if (pluginClass != null && !pluginClass.isBlank() && !pluginClass.startsWith("org.pf4j.")
                && !view.has(classEntry(pluginClass.strip()))) {
            found.add(ContractRule.EXTENSIONS, "Plugin-Class " + pluginClass + " is not inside the jar.");
        }
        try (LoadedPlugin loaded = LoadedPlugin.load(jar)) {
            PluginStatus status = loaded.status();
            if (status.state() != PluginState.STARTED) {
                found.add(ContractRule.EXTENSIONS, "The host does not start the plugin; it is " + status.state() + ": "
                        + status.reason());
            } else if (loaded.integration().flatMap(integration -> integration.runnable()).isEmpty()) {
                found.add(ContractRule.EXTENSIONS, "The host started the plugin but found no integration to run.");
            }
        }
    }

    private static String classEntry(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** The violations found so far, of the rules asked for only. */
    private static final class Findings {
        private final Set<ContractRule> wanted;
        private final List<ContractViolation> list = new ArrayList<>();

        Findings(Set<ContractRule> wanted) {
            this.wanted = wanted;
        }

        boolean wants(ContractRule rule) {
            return wanted.contains(rule);
        }

        void add(ContractRule rule, String message) {
            if (wanted.contains(rule)) {
                list.add(new ContractViolation(rule, message));
            }
        }

        List<ContractViolation> list() {
            return List.copyOf(list);
        }
    }
}
