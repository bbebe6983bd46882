package io.integrationhost.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something a machine may lack is missing: a tool (Prism, a browser), a database or a file kept
 * outside the repository. On a developer's machine the test is skipped with one line saying what is missing and how
 * to get it, so a fresh clone passes its tests; where the build sets the environment variable that requires it to
 * {@code true}, as continuous integration does, the test fails instead, so a build that must check something can
 * never skip it unnoticed.
 */
public final class Prerequisite {

    private Prerequisite() {
    }

    /**
     * Skips the calling test, or fails it when {@code requiredVariable} is {@code true} in the environment.
     *
     * @param missing what is missing and how to get it, as one sentence without a final stop
     * @param requiredVariable the environment variable that makes the absence a failure, e.g. {@code REQUIRE_PRISM}
     * @return never returns normally; typed so a caller can write {@code return Prerequisite.missing(…)}
     */
    public static <T> T missing(String missing, String requiredVariable) {
        return missing(missing, "true".equalsIgnoreCase(System.getenv(requiredVariable)), requiredVariable);
    }

    static <T> T missing(String missing, boolean required, String requiredVariable) {
        if (required) {
            return fail(missing + " (" + requiredVariable + "=true requires it).");
        }
        String line = missing + "; skipped (" + requiredVariable + "=true fails instead).";
        // Printed as well: a runner counts a class skipped before its first test as no test at all, and says nothing.
        System.err.println(line);
        return Assumptions.abort(line);
    }
}
