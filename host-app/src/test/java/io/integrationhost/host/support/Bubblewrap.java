package io.integrationhost.host.support;

import io.integrationhost.runtime.worker.Sandbox;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether plugin workers can run in a bubblewrap sandbox on this machine, for the tests that assert what the sandbox
 * hides: they skip where it cannot run (bubblewrap missing, or refused the namespaces it needs), with a notice, unless
 * {@code REQUIRE_BUBBLEWRAP=true} (as {@code .ci/run} sets, having installed it), which makes its absence fail them.
 */
public final class Bubblewrap {

    /** The environment variable that makes a missing sandbox fail the sandbox tests instead of skipping them. */
    public static final String REQUIRED = "REQUIRE_BUBBLEWRAP";

    private Bubblewrap() {
    }

    /**
     * The sandbox workers get here, as the host detects it at start; skips the calling test when there is none, or
     * fails it when {@link #REQUIRED} is {@code true}.
     */
    public static Sandbox assumeAvailable() {
        Sandbox sandbox = Sandbox.detect(System.getenv("PATH"));
        if (sandbox.available()) {
            return sandbox;
        }
        if ("true".equals(System.getenv(REQUIRED))) {
            throw new IllegalStateException("Plugin workers cannot run in a bubblewrap sandbox here (" + sandbox.reason()
                    + "), but " + REQUIRED + "=true");
        }
        Assumptions.abort("Plugin workers cannot run in a bubblewrap sandbox here (" + sandbox.reason()
                + "): sandbox tests skipped (install the Debian package bubblewrap; .ci/run does)");
        return sandbox;
    }
}
