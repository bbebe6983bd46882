package io.integrationhost.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.Databases;
import io.integrationhost.host.support.FixturePlugins;
import io.integrationhost.host.support.FormPost;
import io.integrationhost.host.support.RunningHost;
import io.integrationhost.host.support.RunningHost.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests that write the same rows at the same moment, on the embedded H2 file and on PostgreSQL: each
 * gets its proper answer (never a 500), and what is stored afterwards is one of the writes, whole.
 */
class ConcurrentWritesTest {

    @TempDir
    Path root;

    private String freshDatabase(Databases database) throws Exception {
        FixturePlugins.service("svc").writeTo(Files.createDirectories(root.resolve("plugins")));
        return database.freshUrl(root.resolve("data"));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void simultaneousPreAuthorizationsAllSucceedAndOneOfThemIsWhatIsStored(Databases database) throws Exception {
        try (RunningHost host = RunningHost.start(root, freshDatabase(database), root.resolve("data"))) {
            List<Response> answers = atOnce(16, i -> host.put("/api/integrations/svc/authorization", Map.of(
                    "mode", "PRE_AUTHORIZED", "values", Map.of("account", "acme-" + i, "token", "good-token-" + i))));

            assertThat(answers).filteredOn(answer -> answer.status() != 200).extracting(answer -> answer.raw().body()).isEmpty();
            String account = host.getJson("/api/integrations/svc").path("configuration").path("values").path("account").asText();
            assertThat(account).matches("acme-\\d+");
            host.post("/api/integrations/svc/enable", null);
            Response ran = host.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x")));
            assertThat(ran.body().path("result").path("account").asText()).isEqualTo(account);
            assertThat(actions(host.getJson("/api/audit?integrationId=svc&limit=1000")))
                    .filteredOn("credentials.stored"::equals).hasSize(16);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void linksOfOneEndUserCompletedAtOnceOnTwoInstancesAllSucceedAndLeaveOneAuthorization(Databases database) throws Exception {
        String url = freshDatabase(database);
        try (RunningHost first = RunningHost.start(root, url, root.resolve("data-a"));
             RunningHost second = RunningHost.start(root, url, root.resolve("data-b"))) {
            first.enableUserAuthorized("svc", "Users");
            List<String> linkPaths = IntStream.range(0, 10).mapToObj(i -> first.authorizationLink("svc", "u1").getPath()).toList();

            List<Integer> statuses = atOnce(linkPaths.size(), i -> {
                RunningHost instance = i % 2 == 0 ? first : second;
                return instance.send(FormPost.of(instance.uri(linkPaths.get(i)),
                        Map.of("account", "user-" + i, "token", "good-" + i))).statusCode();
            });

            assertThat(statuses).containsOnly(200);
            assertThat(second.getJson("/api/integrations/svc/users")).hasSize(1);
            Response ran = second.post("/api/integrations/svc/actions/echo", Map.of("input", Map.of("text", "x"), "userId", "u1"));
            assertThat(ran.body().path("result").path("account").asText()).matches("user-\\d");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void profilesCreatedAtOnceWithOneNameGiveOneProfileAndAConflictForEveryOtherRequest(Databases database) throws Exception {
        try (RunningHost host = RunningHost.start(root, freshDatabase(database), root.resolve("data"))) {
            List<Response> answers = atOnce(16, i -> host.post("/api/authorization-profiles",
                    Map.of("name", "Everyone", "type", "fixture-token")));

            assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
            assertThat(answers).filteredOn(answer -> answer.status() != 201).hasSize(15).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.raw().body()).isEqualTo(409);
                assertThat(answer.error().path("kind").asText()).isEqualTo("CONFLICT");
                assertThat(answer.error().path("message").asText()).contains("'Everyone' already exists");
            });
            assertThat(host.getJson("/api/authorization-profiles")).hasSize(1);
        }
    }

    /** Runs {@code count} requests released together, and answers their results in order. */
    private static <T> List<T> atOnce(int count, IntFunction<T> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                pending.add(threads.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : pending) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> actions(JsonNode audit) {
        return StreamSupport.stream(audit.spliterator(), false).map(event -> event.path("action").asText()).toList();
    }
}
