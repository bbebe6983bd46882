package io.integrationhost.runtime.plugins;

/**
 * The rules of the plugin contract that the host checks in a plugin's metadata when it loads the jar. The plugin
 * test kit runs the same checks and reports them under the same names, so a jar the kit passes is one the host
 * starts, and a jar the host refuses is one the kit fails, with the same words.
 */
public enum PluginRule {

    /** The manifest's Plugin-Version is semantic and its Plugin-Requires a bounded range this platform satisfies. */
    MANIFEST,

    /** The descriptor matches the published JSON Schema; ids and keys are unique; the icon is in the jar. */
    DESCRIPTOR,

    /** The icon is a real SVG or PNG the host shows. */
    ICON,

    /** Each action's input schema works in the host's validator and a form can be built from it. */
    INPUT_SCHEMAS,

    /** A credential field whose key or label looks like a secret's is write-only, or says it is public on purpose. */
    SECRET_FIELDS
}
