package io.integrationhost.testkit.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a new plugin project: a Maven build that packages a plugin jar the host accepts, the
 * descriptor, an icon, the integration's code (an HTTP API with an API key in a header, or with OAuth 2.0 the
 * access token the host obtained), a test that runs the platform's contract checks on the jar, and a test that
 * runs the actions against a stub.
 *
 * <p>The files are templates in the kit's jar with {@code {{name}}} placeholders; what depends on how the
 * integration authorizes is in one properties file and a few fragments per authorization
 * ({@code auth-api-key.properties}, {@code authorization-oauth2.json.tmpl}, …). The generated
 * {@code pom.xml} is short: its parent, the platform's {@code plugin-parent} in the version of the build
 * that made this kit, holds the plugin build and pins every version, so the project is tested against the
 * host it will run in and builds offline wherever that platform was built. Uses nothing but the JDK, so
 * that {@link NewPluginProject} runs from the kit's jar alone.
 */
public final class PluginProjectTemplate {

    private static final String RESOURCES = "/io/integrationhost/testkit/template/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9]+)}}");

    private PluginProjectTemplate() {
    }

    /** The project's files, by path relative to the project folder. */
    public static Map<String, String> render(PluginProjectSpec spec) {
        Map<String, String> values = values(spec);
        String main = "src/main/java/" + values.get("packagePath") + "/" + spec.classPrefix();
        String test = "src/test/java/" + values.get("packagePath") + "/" + spec.classPrefix();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", fill("pom.xml.tmpl", values));
        files.put("README.md", fill("README.md.tmpl", values));
        files.put(".gitignore", fill("gitignore.tmpl", values));
        files.put("src/main/resources/integration.json", fill("integration.json.tmpl", values));
        files.put("src/main/resources/icon.svg", fill("icon.svg.tmpl", values));
        files.put(main + "Integration.java", fill("Integration.java.tmpl", values));
        files.put(main + "Client.java", fill("Client.java.tmpl", values));
        if (spec.userAuthorized()) {
            files.put(main + "AuthorizationProfile.java", fill("AuthorizationProfile.java.tmpl", values));
        }
        files.put(test + "PluginContractIT.java", fill("PluginContractIT.java.tmpl", values));
        files.put(test + "PluginIT.java", fill("PluginIT.java.tmpl", values));
        return files;
    }

    /**
     * Writes the project into {@code directory}, which must not exist yet or be empty.
     *
     * @return the files written
     * @throws IllegalArgumentException when {@code directory} holds files already, which are never overwritten
     */
    public static List<Path> write(PluginProjectSpec spec, Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> existing = Files.list(directory)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException(directory + " is not empty; choose a new folder with --dir");
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : render(spec).entrySet()) {
            Path target = directory.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            written.add(target);
        }
        return written;
    }

    private static Map<String, String> values(PluginProjectSpec spec) {
        Properties versions = versions();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", spec.id());
        // The prefix of OperatorSettings.variable(id, name), written out: the generator runs from the kit's jar
        // alone (java -jar), without platform-api on its class path. PluginProjectTemplateTest holds them equal.
        values.put("idUpper", spec.id().toUpperCase(Locale.ROOT).replace('-', '_'));
        values.put("name", spec.name());
        values.put("initial", spec.name().substring(0, 1).toUpperCase(Locale.ROOT));
        values.put("artifactId", spec.artifactId());
        values.put("groupId", spec.groupId());
        values.put("provider", spec.provider());
        values.put("package", spec.javaPackage());
        values.put("packagePath", spec.javaPackage().replace('.', '/'));
        values.put("prefix", spec.classPrefix());
        values.put("profileTypeId", spec.profileTypeId());
        values.put("integrationHostVersion", versions.getProperty("integration-host.version"));
        String authorization = spec.oauth2() ? "oauth2" : "api-key";
        Properties byAuthorization = properties("project/auth-" + authorization + ".properties");
        for (String key : byAuthorization.stringPropertyNames()) {
            values.put(key, filled("auth-" + authorization + ".properties", byAuthorization.getProperty(key), values));
        }
        if (spec.oauth2()) {
            values.put("oauth2Json", fill("oauth2.json.tmpl", values));
        }

        List<String> modes = new ArrayList<>();
        if (spec.preAuthorized()) {
            modes.add("PRE_AUTHORIZED");
        }
        if (spec.userAuthorized()) {
            modes.add("USER_AUTHORIZED");
        }
        values.put("modesJson", "\"" + String.join("\", \"", modes) + "\"");
        values.put("modesText", spec.preAuthorized() && spec.userAuthorized()
                ? "pre-authorized by an administrator, or authorized by each end user"
                : spec.preAuthorized() ? "pre-authorized by an administrator" : "authorized by each end user");
        values.put("authorizationBlock", fill("authorization-" + authorization + ".json.tmpl", values));
        values.put("profilesBlock", spec.userAuthorized() ? fill("profile-type-" + authorization + ".json.tmpl", values) : "");
        values.put("profileTest", spec.userAuthorized() ? fill("profile-test.java.tmpl", values) : "");
        values.put("profileRow", spec.userAuthorized() ? "| `src/main/java/" + values.get("packagePath") + "/"
                + spec.classPrefix() + "AuthorizationProfile.java` | the profile type end users authorize with |\n" : "");
        return values;
    }

    private static String fill(String template, Map<String, String> values) {
        return filled(template, read(template), values);
    }

    /** {@code text} (of {@code template}) with its placeholders replaced by {@code values}. */
    private static String filled(String template, String text, Map<String, String> values) {
        Matcher placeholders = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (placeholders.find()) {
            String value = values.get(placeholders.group(1));
            if (value == null) {
                throw new IllegalStateException("The template " + template + " uses an unknown placeholder "
                        + placeholders.group());
            }
            placeholders.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(filled);
        if (filled.indexOf("{{") >= 0) {
            throw new IllegalStateException("The template " + template + " has a malformed placeholder near '"
                    + filled.substring(filled.indexOf("{{"), Math.min(filled.length(), filled.indexOf("{{") + 30)) + "'");
        }
        return filled.toString();
    }

    private static String read(String template) {
        try (InputStream in = PluginProjectTemplate.class.getResourceAsStream(RESOURCES + "project/" + template)) {
            if (in == null) {
                throw new IllegalStateException("The template " + template + " is missing from the test kit's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties versions() {
        Properties versions = properties("versions.properties");
        versions.forEach((key, value) -> {
            if (String.valueOf(value).contains("${")) {
                throw new IllegalStateException("versions.properties was not filled in by the kit's Maven build (" + key
                        + "=" + value + "); build the kit with Maven");
            }
        });
        return versions;
    }

    private static Properties properties(String name) {
        Properties properties = new Properties();
        try (InputStream in = PluginProjectTemplate.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test kit's jar");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
