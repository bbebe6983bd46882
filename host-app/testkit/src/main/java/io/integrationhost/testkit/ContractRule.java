package io.integrationhost.testkit;

import io.integrationhost.api.PluginPackaging;

/**
 * The rules of the plugin contract that {@link PluginContract} checks, each a promise the host relies on
 * when it loads a plugin jar. The host enforces every one of them: it refuses a jar that breaks
 * {@link #PACKAGING} at upload, and does not start one that breaks any other, giving the same message the kit
 * gives (the manifest, descriptor, icon, input-schema and secret-field rules are one rule set that both run).
 */
public enum ContractRule {

    /** The jar bundles no platform-api, PF4J or SLF4J classes and carries its descriptor and extension index. */
    PACKAGING("the jar bundles no platform-api, PF4J or SLF4J classes and carries integration.json and META-INF/extensions.idx"),

    /** The manifest names the plugin and the platform versions it needs, in PF4J's terms. */
    MANIFEST("the manifest has Plugin-Id, a semantic Plugin-Version and a Plugin-Requires range this platform satisfies "
            + "that stops before the next major version"),

    /** The descriptor passes the schema and the rules a schema cannot express. */
    DESCRIPTOR("integration.json passes the host's checks: its JSON Schema, unique ids and keys, the icon exists, "
            + "credential patterns are Java regular expressions, every action's input and output schema is a valid JSON Schema, "
            + "an OAuth 2.0 declaration's URLs name only required, non-secret fields of their own type"),

    /** The icon is one the host can show. */
    ICON("the icon is a real SVG or PNG of at most " + PluginPackaging.MAX_ICON_BYTES / 1024 + " KiB"),

    /** Each input schema works in the host's validator and a form can be built from it. */
    INPUT_SCHEMAS("every action's input schema compiles in the host's validator and requires only properties it declares"),

    /** Credential fields that look like secrets are write-only. */
    SECRET_FIELDS("every credential field whose key or label names a key, token, password or secret is flagged secret, "
            + "or says \"publicDespiteName\": true"),

    /** The host starts the plugin and finds code for everything the descriptor declares. */
    EXTENSIONS("the host starts the plugin: its extension index names classes inside the jar, one Integration with the "
            + "descriptor's id and an AuthorizationProfile for every declared profile type");

    private final String promise;

    ContractRule(String promise) {
        this.promise = promise;
    }

    /** What the rule asks of a plugin jar, in one sentence. */
    public String promise() {
        return promise;
    }
}
