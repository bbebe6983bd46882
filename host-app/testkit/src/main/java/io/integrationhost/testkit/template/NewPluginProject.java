package io.integrationhost.testkit.template;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates a new plugin project in one command, from the kit's jar alone:
 *
 * <pre>
 * java -jar plugin-testkit-VERSION.jar --id acme-crm [--name "Acme CRM"] [--dir ../acme-crm-plugin]
 *     [--modes PRE_AUTHORIZED,USER_AUTHORIZED] [--package com.example.acmecrm] [--group-id com.example]
 *     [--provider "Example"] [--auth OAUTH2]
 * </pre>
 *
 * <p>The options are parsed by hand rather than with a command-line library: the point of the generator is
 * that {@code java -jar} runs it with nothing but the JDK, and eight {@code --name value} options do not
 * need more.
 */
public final class NewPluginProject {

    static final String USAGE = """
            Generates a new Integration Host plugin project.

            java -jar plugin-testkit-VERSION.jar --id ID [options]

              --id ID          the integration's and the plugin's id: lower case letters, digits and '-'
              --name NAME      the display name (default: from the id, "acme-crm" gives "Acme Crm")
              --dir DIR        the folder to create (default: ./ID-plugin); must not exist or be empty
              --modes MODES    PRE_AUTHORIZED, USER_AUTHORIZED or both, comma-separated (default: both)
              --package PKG    the Java package (default: com.example.ID.plugin, without '-')
              --group-id GID   the Maven groupId (default: com.example)
              --provider TEXT  who makes the plugin, for Plugin-Provider (default: Example)
              --auth AUTH      API_KEY (an API key in a header) or OAUTH2 (OAuth 2.0: the host obtains the
                               tokens, the plugin sends each call's access token) (default: API_KEY)
            """;
    private static final Set<String> OPTIONS = Set.of("--id", "--name", "--dir", "--modes", "--package", "--group-id",
            "--provider", "--auth");

    private NewPluginProject() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the generator; answers the process's exit code: 0 done, 1 could not write, 2 wrong options. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        PluginProjectSpec spec;
        Path directory;
        try {
            Map<String, String> options = options(args);
            if (!options.containsKey("--id")) {
                throw new IllegalArgumentException("--id is required");
            }
            spec = PluginProjectSpec.withDefaults(options.get("--id"));
            if (options.containsKey("--name")) {
                spec = spec.withName(options.get("--name"));
            }
            if (options.containsKey("--package")) {
                spec = spec.withJavaPackage(options.get("--package"));
            }
            if (options.containsKey("--group-id")) {
                spec = spec.withGroupId(options.get("--group-id"));
            }
            if (options.containsKey("--provider")) {
                spec = spec.withProvider(options.get("--provider"));
            }
            if (options.containsKey("--modes")) {
                spec = spec.withModes(options.get("--modes").split(","));
            }
            if (options.containsKey("--auth")) {
                spec = spec.withAuthorization(options.get("--auth"));
            }
            directory = Path.of(options.getOrDefault("--dir", spec.artifactId()));
            List<Path> written = PluginProjectTemplate.write(spec, directory);
            Path jar = directory.resolve("target").resolve(spec.artifactId() + "-1.0.0.jar");
            out.printf("Created the %s plugin project in %s (%d files).%n", spec.name(), directory, written.size());
            out.printf("Build it and check it with the plugin test kit:  mvn -f %s verify%n", directory.resolve("pom.xml"));
            out.printf("Then install %s into a host.%n", jar);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println();
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("Cannot write the project: " + e);
            return 1;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException("Unknown option '" + option + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            if (options.put(option, args[++i]) != null) {
                throw new IllegalArgumentException(option + " is given twice");
            }
        }
        return options;
    }
}
