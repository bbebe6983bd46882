package io.integrationhost.testkit.template;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/**
 * What a new plugin project is called and how its integration authorizes. Refuses, when it is made, any
 * value that would make the generated project fail to build or to load.
 *
 * @param id the integration's and the plugin's id: lower case letters, digits and '-', starting with a letter
 * @param name the display name
 * @param javaPackage the Java package of the generated classes
 * @param groupId the Maven groupId
 * @param provider who makes the plugin, for the manifest's {@code Plugin-Provider}
 * @param preAuthorized whether administrators may pre-authorize the integration (one API key, or one OAuth 2.0
 *     connection)
 * @param userAuthorized whether end users may authorize it themselves (their own key, or their own consent), through an
 *     authorization profile
 * @param authorization how the integration authorizes
 */
public record PluginProjectSpec(String id, String name, String javaPackage, String groupId, String provider,
                                boolean preAuthorized, boolean userAuthorized, Authorization authorization) {

    /** How a generated integration authorizes. */
    public enum Authorization {
        /** An API key in a header, which the administrator or end user enters. */
        API_KEY,
        /**
         * OAuth 2.0 with the authorization code grant: the host obtains and refreshes the tokens, the integration sends
         * each call's access token as a bearer token.
         */
        OAUTH2
    }

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    // Kept to characters that need no escaping in Java strings, JSON and XML.
    private static final Pattern TEXT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._'-]{0,79}");
    private static final Pattern JAVA_PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    public PluginProjectSpec {
        require(id, ID, "--id", "lower case letters, digits and '-', starting with a letter, at most 40 characters");
        require(name, TEXT, "--name", "letters, digits, spaces and . _ ' -, at most 80 characters");
        require(javaPackage, JAVA_PACKAGE, "--package", "a Java package name in lower case, such as com.example.acme");
        require(groupId, JAVA_PACKAGE, "--group-id", "a Maven groupId in lower case, such as com.example");
        require(provider, TEXT, "--provider", "letters, digits, spaces and . _ ' -, at most 80 characters");
        for (String segment : javaPackage.split("\\.")) {
            if (SourceVersion.isKeyword(segment)) {
                throw new IllegalArgumentException("--package must not contain the Java keyword '" + segment
                        + "', was '" + javaPackage + "'");
            }
        }
        if (id.endsWith("-") || id.contains("--")) {
            throw new IllegalArgumentException("--id must not end with '-' or contain '--', was '" + id + "'");
        }
        if (!preAuthorized && !userAuthorized) {
            throw new IllegalArgumentException("--modes must allow at least one of PRE_AUTHORIZED and USER_AUTHORIZED");
        }
        Objects.requireNonNull(authorization, "authorization");
    }

    /** A project whose integration authorizes with an API key, as before OAuth 2.0 could be chosen. */
    public PluginProjectSpec(String id, String name, String javaPackage, String groupId, String provider,
                             boolean preAuthorized, boolean userAuthorized) {
        this(id, name, javaPackage, groupId, provider, preAuthorized, userAuthorized, Authorization.API_KEY);
    }

    /**
     * A project with the defaults derived from {@code id}: name "Acme Crm" for {@code acme-crm}, package
     * {@code com.example.acmecrm.plugin}, groupId {@code com.example}, both authorization modes, and an API key.
     */
    public static PluginProjectSpec withDefaults(String id) {
        Objects.requireNonNull(id, "id");
        String name = Arrays.stream(id.split("-")).filter(part -> !part.isEmpty())
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining(" "));
        String segment = id.replace("-", "");
        // An id may be a Java keyword ("new", "case"); a package segment may not.
        if (SourceVersion.isKeyword(segment)) {
            segment = segment + "_";
        }
        return new PluginProjectSpec(id, name.isEmpty() ? id : name, "com.example." + segment + ".plugin",
                "com.example", "Example", true, true, Authorization.API_KEY);
    }

    public PluginProjectSpec withName(String value) {
        return new PluginProjectSpec(id, value, javaPackage, groupId, provider, preAuthorized, userAuthorized, authorization);
    }

    public PluginProjectSpec withJavaPackage(String value) {
        return new PluginProjectSpec(id, name, value, groupId, provider, preAuthorized, userAuthorized, authorization);
    }

    public PluginProjectSpec withGroupId(String value) {
        return new PluginProjectSpec(id, name, javaPackage, value, provider, preAuthorized, userAuthorized, authorization);
    }

    public PluginProjectSpec withProvider(String value) {
        return new PluginProjectSpec(id, name, javaPackage, groupId, value, preAuthorized, userAuthorized, authorization);
    }

    /** This project allowing exactly the given modes, {@code PRE_AUTHORIZED} and/or {@code USER_AUTHORIZED}. */
    public PluginProjectSpec withModes(String... modes) {
        boolean pre = false;
        boolean user = false;
        for (String mode : modes) {
            switch (mode.strip().toUpperCase(Locale.ROOT)) {
                case "PRE_AUTHORIZED" -> pre = true;
                case "USER_AUTHORIZED" -> user = true;
                default -> throw new IllegalArgumentException("--modes takes PRE_AUTHORIZED and/or USER_AUTHORIZED, not '"
                        + mode.strip() + "'");
            }
        }
        return new PluginProjectSpec(id, name, javaPackage, groupId, provider, pre, user, authorization);
    }

    /** This project authorizing as {@code value} says: {@code API_KEY} or {@code OAUTH2}, in any case. */
    public PluginProjectSpec withAuthorization(String value) {
        Authorization chosen;
        try {
            chosen = Authorization.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--auth takes API_KEY or OAUTH2, not '" + value.strip() + "'");
        }
        return new PluginProjectSpec(id, name, javaPackage, groupId, provider, preAuthorized, userAuthorized, chosen);
    }

    /** Whether the integration authorizes with OAuth 2.0. */
    public boolean oauth2() {
        return authorization == Authorization.OAUTH2;
    }

    /** The Maven artifactId and the jar's base name, such as {@code acme-crm-plugin}. */
    public String artifactId() {
        return id + "-plugin";
    }

    /** The prefix of the generated class names, such as {@code AcmeCrm}. */
    public String classPrefix() {
        return Arrays.stream(id.split("-"))
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }

    /** The id of the profile type end users authorize with, such as {@code acme-crm-api-key} or {@code acme-crm-oauth}. */
    public String profileTypeId() {
        return id + (oauth2() ? "-oauth" : "-api-key");
    }

    private static void require(String value, Pattern pattern, String option, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " must be " + rule + "; was '" + value + "'");
        }
    }
}
