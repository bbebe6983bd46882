package io.integrationhost.testkit.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's command line: one command makes a project, and every mistake gets the usage and exit code 2. */
class NewPluginProjectTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void oneCommandWritesTheProjectAndSaysHowToBuildIt() {
        Path project = dir.resolve("tickets-plugin");

        int exit = run("--id", "tickets", "--name", "Tickets", "--dir", project.toString(), "--modes", "PRE_AUTHORIZED");

        assertThat(exit).isZero();
        assertThat(project.resolve("pom.xml")).exists();
        assertThat(project.resolve("src/main/java/com/example/tickets/plugin/TicketsIntegration.java")).exists();
        assertThat(project.resolve("src/main/java/com/example/tickets/plugin/TicketsAuthorizationProfile.java")).doesNotExist();
        assertThat(text(out)).contains("Created the Tickets plugin project").contains("mvn -f " + project.resolve("pom.xml") + " verify");
    }

    @Test
    void anOAuthProjectIsOneOptionAway() throws Exception {
        Path project = dir.resolve("tickets-plugin");

        assertThat(run("--id", "tickets", "--dir", project.toString(), "--auth", "OAUTH2")).isZero();

        assertThat(Files.readString(project.resolve("src/main/resources/integration.json"))).contains("\"type\": \"OAUTH2\"");
        assertThat(project.resolve("src/main/java/com/example/tickets/plugin/TicketsAuthorizationProfile.java")).exists();
        assertThat(run("--id", "tickets", "--auth", "SAML")).isEqualTo(2);
        assertThat(text(err)).contains("--auth takes API_KEY or OAUTH2").contains("--auth AUTH");
    }

    @Test
    void mistakesAreExplainedWithTheUsage() throws Exception {
        assertThat(run("--name", "Nameless")).isEqualTo(2);
        assertThat(text(err)).contains("--id is required").contains("--modes MODES");

        assertThat(run("--id", "acme", "--colour", "red")).isEqualTo(2);
        assertThat(text(err)).contains("Unknown option '--colour'");

        assertThat(run("--id", "Acme Inc")).isEqualTo(2);
        assertThat(text(err)).contains("--id must be lower case letters");

        Files.writeString(Files.createDirectories(dir.resolve("taken")).resolve("notes.txt"), "mine");
        assertThat(run("--id", "acme", "--dir", dir.resolve("taken").toString())).isEqualTo(2);
        assertThat(text(err)).contains("is not empty");
        assertThat(dir.resolve("taken/pom.xml")).doesNotExist();
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(text(out)).contains("java -jar plugin-testkit-VERSION.jar --id ID [options]");
    }

    private int run(String... args) {
        return NewPluginProject.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
