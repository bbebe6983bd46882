package io.integrationhost.runtime.plugins;

import io.integrationhost.api.PlatformApi;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * The versions a plugin's manifest states, checked against this platform: a semantic {@code Plugin-Version}, and
 * a {@code Plugin-Requires} range that includes this platform's version and stops before the next major one, so
 * a plugin never runs on a platform whose contract may have changed under it.
 */
public final class ManifestRules {

    private static final VersionManager VERSIONS = new DefaultVersionManager();

    private ManifestRules() {
    }

    /**
     * Every way these manifest values break the rules, as sentences; empty when they keep them. A range that
     * excludes this platform is among them; the host loads such a plugin disabled rather than failed.
     *
     * @param version the {@code Plugin-Version}, or {@code null} when there is none
     * @param requires the {@code Plugin-Requires}, or {@code null} when there is none
     */
    public static List<String> violations(String version, String requires) {
        List<String> violations = new ArrayList<>();
        if (version == null || version.isBlank()) {
            violations.add("The manifest has no Plugin-Version; set it to the project's version.");
        } else if (!isSemanticVersion(version)) {
            violations.add("Plugin-Version '" + version + "' is not a semantic version such as 1.0.0.");
        }
        if (requires == null || requires.isBlank() || "*".equals(requires.strip())) {
            violations.add("The manifest has no Plugin-Requires, so the host would start the plugin on any platform "
                    + "version, including incompatible ones; state the range it was built for, such as " + recommendedRange() + ".");
            return violations;
        }
        String range = requires.strip();
        try {
            if (!VERSIONS.checkVersionConstraint(PlatformApi.VERSION, range)) {
                violations.add("Plugin-Requires '" + range + "' excludes this platform's version " + PlatformApi.VERSION
                        + "; the host would load the plugin disabled.");
            } else if (VERSIONS.checkVersionConstraint(nextMajor(), range)) {
                violations.add("Plugin-Requires '" + range + "' also accepts platform " + nextMajor() + ", whose contract "
                        + "may change incompatibly; bound it, such as " + recommendedRange() + ".");
            }
        } catch (RuntimeException e) {
            violations.add("Plugin-Requires '" + range + "' is not a version range PF4J understands (" + e.getMessage()
                    + "); write it like " + recommendedRange() + ".");
        }
        return violations;
    }

    /** The range a plugin built against this platform version should state, such as {@code >=1.0.0 & <2.0.0}. */
    public static String recommendedRange() {
        String[] parts = PlatformApi.VERSION.split("[.-]");
        return ">=" + parts[0] + "." + parts[1] + ".0 & <" + nextMajor();
    }

    private static boolean isSemanticVersion(String version) {
        try {
            VERSIONS.compareVersions(version.strip(), "0.0.0");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String nextMajor() {
        return (Integer.parseInt(PlatformApi.VERSION.split("\\.")[0]) + 1) + ".0.0";
    }
}
