package io.integrationhost.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Something a machine lacks skips a test on a developer's machine and fails it where the build requires it. */
class PrerequisiteTest {

    @Test
    void somethingMissingSkipsTheTestWithOneLineSayingWhatAndHowToRequireIt() {
        assertThatThrownBy(() -> Prerequisite.missing("Acme's tool is not installed: apt-get install acme", false,
                "REQUIRE_ACME"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("Acme's tool is not installed: apt-get install acme; skipped (REQUIRE_ACME=true fails instead).");
    }

    @Test
    void somethingMissingFailsTheTestWhenTheBuildRequiresIt() {
        assertThatThrownBy(() -> Prerequisite.missing("Acme's tool is not installed", true, "REQUIRE_ACME"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Acme's tool is not installed (REQUIRE_ACME=true requires it).");
    }
}
