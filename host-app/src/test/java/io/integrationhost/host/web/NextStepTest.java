package io.integrationhost.host.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.NextStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Services name the operation that puts a failure right; only the web layer says where it is in the REST API. */
class NextStepTest {

    @Test
    void theAnswersRemedyEndsWithTheRequestThatPutsTheFailureRight() {
        HostException failure = new HostException(FailureKind.NOT_CONFIGURED, "The integration 'svc' is not configured.",
                "Choose an authorization mode first.").withNextStep(NextStep.authorize("svc"));

        assertThat(remedy(failure)).isEqualTo("Choose an authorization mode first. Through the REST API:"
                + " PUT /api/integrations/svc/authorization.");
        assertThat(remedy(failure.withNextStep(NextStep.deleteConfiguration("svc"))))
                .endsWith("Through the REST API: DELETE /api/integrations/svc/configuration.");
        assertThat(remedy(new HostException(FailureKind.CONFLICT, "Taken.", "Pick another name.")))
                .as("a failure without a next step keeps its remedy as it is").isEqualTo("Pick another name.");
    }

    @Test
    void noServiceOrRuntimeSourceQuotesARestPath() throws IOException {
        List<String> quoted = new ArrayList<>();
        List<Path> scanned = new ArrayList<>();
        for (Path sources : List.of(Path.of("src/main/java"), Path.of("../plugin-runtime/src/main/java"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java"))
                        .filter(path -> !path.toString().contains("/host/web/")).toList()) {
                    scanned.add(file);
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).contains("/api/")) {
                            quoted.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("files scanned").anyMatch(file -> file.endsWith("IntegrationConfigurations.java"))
                .anyMatch(file -> file.endsWith("IntegrationClaims.java"));
        assertThat(quoted).as("REST paths outside the web layer").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static String remedy(HostException failure) {
        return (String) ((Map<String, Object>) ErrorJson.of(failure).get("error")).get("remedy");
    }
}
