package io.integrationhost.host.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A host that stops cleanly writes the entry of every call it answered before its database closes, although the
 * entries are written in batches: with the longest flush interval allowed, the stop is what writes them.
 */
class ActionEntriesAtStopTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(Databases.class)
    void everyAnsweredCallIsInTheAuditTrailAfterACleanStop(Databases database) throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        String url = database.freshUrl(root.resolve("data"));
        try (RunningHost host = RunningHost.start(root, url, root.resolve("data"), Map.of("HOST_AUDIT_FLUSH_MILLIS", "1000"))) {
            host.enablePreAuthorized("svc");
            for (int i = 0; i < 20; i++) {
                assertThat(host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "call " + i))).status())
                        .isEqualTo(200);
            }
        }

        assertThat(Databases.count(url, "SELECT COUNT(*) FROM audit_event WHERE action = 'action.run' AND outcome = 'SUCCESS'"))
                .isEqualTo(20);
    }
}
