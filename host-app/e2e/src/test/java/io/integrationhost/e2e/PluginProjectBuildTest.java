package io.integrationhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * A plugin project generated from the template is built by Maven as a developer outside this repository
 * builds it: offline, with nothing but this build's platform artifacts (the plugin parent, platform-api and
 * the test kit, and what they name) in a fresh local repository. Its contract check is a test class of its
 * own, so the contract report appears even when the plugin does not start.
 */
class PluginProjectBuildTest {

    @TempDir
    Path work;

    @Test
    void theBuildRunsTheContractCheckAndTheHarnessTestsOnThePackagedJar() throws Exception {
        Path reports = SecondIntegration.jar().resolveSibling("failsafe-reports");

        TestReport contract = TestReport.of(reports, "AcmeTicketsPluginContractIT", "");
        assertThat(contract.count("tests")).isEqualTo(1);
        assertThat(contract.problems()).isZero();
        TestReport plugin = TestReport.of(reports, "AcmeTicketsPluginIT", "");
        assertThat(plugin.count("tests")).isGreaterThan(5);
        assertThat(plugin.problems()).isZero();
    }

    @Test
    void anOAuthProjectBuildsAndPassesItsOwnTestsWhichRunThePluginWithAnAccessToken() throws Exception {
        TemplatePluginProject project = TemplatePluginProject.generate(work, "acme-calendar", "--auth", "OAUTH2");

        Path jar = project.build();

        Path reports = project.directory().resolve("target/failsafe-reports");
        TestReport contract = TestReport.of(reports, "AcmeCalendarPluginContractIT", project.buildOutput());
        assertThat(contract.count("tests")).isEqualTo(1);
        assertThat(contract.problems()).isZero();
        TestReport plugin = TestReport.of(reports, "AcmeCalendarPluginIT", project.buildOutput());
        assertThat(plugin.count("tests")).isGreaterThan(5);
        assertThat(plugin.problems()).isZero();
        assertThat(plugin.text()).contains("theConnectionTestRefusesAWrongTokenWithTheApisReason",
                "anEndUsersOwnTokenIsVerifiedByTheProfileType");
        assertThat(jar.getFileName().toString()).isEqualTo("acme-calendar-plugin-1.0.0.jar");
    }

    @Test
    void whenThePluginCannotStartTheContractReportStillAppearsAndStoppingAddsNoFailure() throws Exception {
        TemplatePluginProject project = TemplatePluginProject.generate(work, "stalled", "--modes", "PRE_AUTHORIZED");
        Path integration = project.directory().resolve("src/main/java/com/example/stalled/plugin/StalledIntegration.java");
        String code = Files.readString(integration);
        assertThat(code).containsOnlyOnce("return ID;");
        // A developer's slip: the code's integration id no longer matches the descriptor's, so the host finds
        // no integration to run and the harness cannot start the plugin.
        Files.writeString(integration, code.replace("return ID;", "return ID + \"-renamed\";"));

        assertThat(project.verify()).as("mvn verify of a plugin that does not start").isNotZero();

        Path reports = project.directory().resolve("target/failsafe-reports");
        TestReport contract = TestReport.of(reports, "StalledPluginContractIT", project.buildOutput());
        assertThat(contract.count("tests")).isEqualTo(1);
        assertThat(contract.count("failures")).isEqualTo(1);
        assertThat(contract.text()).contains("breaks the platform's contract");
        TestReport plugin = TestReport.of(reports, "StalledPluginIT", project.buildOutput());
        assertThat(plugin.count("failures") + plugin.count("errors")).isPositive();
        assertThat(plugin.text()).doesNotContain("NullPointerException");
    }

    /** The XML report Failsafe wrote for one test class. */
    private record TestReport(Element suite, String text) {

        static TestReport of(Path reports, String simpleName, String buildOutput) throws Exception {
            Path report;
            try (Stream<Path> files = Files.exists(reports) ? Files.list(reports) : Stream.empty()) {
                report = files.filter(file -> file.getFileName().toString().endsWith("." + simpleName + ".xml")).findFirst()
                        .orElseThrow(() -> new AssertionError("Failsafe wrote no report for " + simpleName + " in " + reports
                                + ":\n" + buildOutput));
            }
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getDocumentElement();
            return new TestReport(suite, Files.readString(report));
        }

        int count(String attribute) {
            return Integer.parseInt(suite.getAttribute(attribute));
        }

        /** The tests that failed, broke or were skipped. */
        int problems() {
            return count("failures") + count("errors") + count("skipped");
        }
    }
}
