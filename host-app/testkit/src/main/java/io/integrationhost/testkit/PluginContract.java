package io.integrationhost.testkit;

import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.PluginPackaging;
import io.integrationhost.runtime.plugins.DescriptorReader;
import io.integrationhost.runtime.plugins.PluginState;
import io.integrationhost.runtime.plugins.PluginStatus;
import io.integrationhost.runtime.plugins.RuleViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.stream.Collectors;

/**
 * The platform's contract checks for one built plugin jar: the entry point of the plugin test kit.
 *
 * <pre>{@code
 * PluginContract.forBuiltJar().verify();                              // every rule, every violation listed
 * PluginContract.forJar(jar).verify(ContractRule.SECRET_FIELDS);      // one rule
 * assertThat(PluginContract.forJar(jar).violations()).isEmpty();      // the violations as values
 * }</pre>
 *
 * <p>Each {@link ContractRule} is checked by the code the host itself runs when it loads a jar: the packaging
 * rules of {@code platform-api}; the host's rule set for the manifest's versions and the descriptor (its JSON
 * Schema, unique ids, the icon, the input schemas, secret-looking fields), which is the host's
 * {@code DescriptorReader}; and the host's plugin runtime, which loads the jar from a plugins folder of its
 * own. So a jar this passes is one the host starts, and every violation here is one the host refuses the jar
 * for, in the same words; the only additions are findings the host makes by failing to load the jar at all
 * (a manifest without {@code Plugin-Id}, an extension class missing from the jar), said more precisely.
 *
 * <p>Immutable; each call reads the jar again, so one instance can check a jar rebuilt in between.
 */
public final class PluginContract {

    /** The host does not show larger icons. */
    static final int MAX_ICON_BYTES = PluginPackaging.MAX_ICON_BYTES;
    private static final Set<ContractRule> NEEDS_DESCRIPTOR = EnumSet.of(ContractRule.ICON, ContractRule.INPUT_SCHEMAS,
            ContractRule.SECRET_FIELDS);

    private final Path jar;

    private PluginContract(Path jar) {
        this.jar = jar;
    }

    /** The contract checks for {@code builtJar}, such as {@code target/acme-plugin-1.0.0.jar}. */
    public static PluginContract forJar(Path builtJar) {
        return new PluginContract(builtJar);
    }

    /** The contract checks for the jar this project's build packaged (see {@link BuiltPluginJar#path()}). */
    public static PluginContract forBuiltJar() {
        return forJar(BuiltPluginJar.path());
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
            Attributes manifest = view.manifest();
            String id = manifest.getValue("Plugin-Id");
            if (id == null || id.isBlank()) {
                found.add(ContractRule.MANIFEST, "The manifest has no Plugin-Id; PF4J cannot load the jar without one.");
            }
            DescriptorReader.Result read = new DescriptorReader()
                    .read(view::resource, manifest.getValue("Plugin-Version"), manifest.getValue("Plugin-Requires"));
            checkMetadata(read, found);
            if (wanted.contains(ContractRule.EXTENSIONS)) {
                checkExtensions(view, read, found);
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

    /** The host's own rule set for the manifest's versions and the descriptor, its findings under the kit's names. */
    private static void checkMetadata(DescriptorReader.Result read, Findings found) {
        for (RuleViolation violation : read.found()) {
            found.add(rule(violation), violation.message());
        }
        if (!read.readable()) {
            for (ContractRule rule : NEEDS_DESCRIPTOR) {
                if (found.wants(rule) && !found.wants(ContractRule.DESCRIPTOR)) {
                    found.add(rule, "Not checked: " + PlatformApi.DESCRIPTOR_RESOURCE + " does not pass the host's checks ("
                            + String.join("; ", read.violations()) + ").");
                }
            }
        }
    }

    private static ContractRule rule(RuleViolation violation) {
        return ContractRule.valueOf(violation.rule().name());
    }

    private void checkExtensions(JarView view, DescriptorReader.Result read, Findings found) {
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
            // A failure for the rule set's violations, each already listed under its own rule, is not listed again.
            boolean listedAlready = status.state() == PluginState.FAILED && status.reason().equals(read.reason())
                    && read.found().stream().allMatch(violation -> found.wants(rule(violation)));
            if (listedAlready) {
                return;
            }
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
