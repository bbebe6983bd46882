package io.integrationhost.host.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.host.support.HostWithFixtures;
import io.integrationhost.host.support.RunningHost;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/openapi.json} describes the API the server has: well-formed OpenAPI 3.1, every registered route with
 * its method and path and no other, and each request body as the record the route reads it into.
 */
class ApiDescriptionTest {

    @RegisterExtension
    final HostWithFixtures svc = HostWithFixtures.service("svc");

    @Test
    void theDescriptionIsServedToAdministratorsOnly() throws Exception {
        HttpResponse<String> served = svc.host().get("/api/openapi.json");
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(svc.host().uri("/api/openapi.json")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(RunningHost.parse(served.body()).path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(RunningHost.parse(anonymous.body()).path("error").path("kind").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void theDescriptionIsWellFormedOpenApi31WithEveryReferenceResolved() {
        SwaggerParseResult parsed = parse();

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            assertThat(operation.getOperationId()).as(method + " " + path).isNotBlank();
            assertThat(operation.getResponses()).as(method + " " + path).isNotEmpty();
        }));
    }

    @Test
    void everyRegisteredRouteIsDescribedAndEveryDescribedRouteIsRegistered() {
        Set<String> registered = new TreeSet<>();
        svc.host().host().routes().forEach(route -> registered.add(route.method() + " " + route.path()));
        Set<String> described = new TreeSet<>();
        parse().getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> described.add(method.name() + " " + path)));

        assertThat(registered).as("the routes the server registered").contains("GET /api/plugins", "GET /authorize/{token}");
        assertThat(described).isEqualTo(registered);
    }

    @Test
    void eachRequestBodyIsDescribedWithTheMembersOfItsRecord() {
        OpenAPI api = parse().getOpenAPI();
        Map<String, Class<? extends Record>> records = Map.of(
                "ConfigurationRequest", IntegrationRoutes.ConfigurationRequest.class,
                "ActionRequest", IntegrationRoutes.ActionRequest.class,
                "OAuthStartRequest", IntegrationRoutes.OAuthStartRequest.class,
                "ProfileCreation", ProfileRoutes.ProfileCreation.class,
                "ProfileChange", ProfileRoutes.ProfileChange.class,
                "ProfileTest", ProfileRoutes.ProfileTest.class,
                "SignIn", SessionRoutes.SignIn.class);

        records.forEach((name, type) -> {
            Schema<?> schema = api.getComponents().getSchemas().get(name);
            assertThat(schema).as(name).isNotNull();
            assertThat(schema.getProperties().keySet()).as(name).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(type.getRecordComponents()).map(component -> component.getName()).toList());
        });
        Set<String> referenced = new TreeSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().stream().map(Operation::getRequestBody)
                .filter(body -> body != null && body.getContent().get("application/json") != null)
                .forEach(body -> referenced.add(body.getContent().get("application/json").getSchema().get$ref()
                        .replace("#/components/schemas/", ""))));
        assertThat(referenced).as("the JSON bodies the operations take").isEqualTo(new TreeSet<>(records.keySet()));
    }

    @Test
    void errorAnswersAreDescribedAsTheTypedErrorJson() {
        OpenAPI api = parse().getOpenAPI();
        Schema<?> error = api.getComponents().getSchemas().get("Error");
        JsonNode unauthorized = svc.host().call("GET", "/api/integrations/nope", null).error();

        assertThat(error.getRequired()).containsExactly("error");
        Schema<?> members = (Schema<?>) error.getProperties().get("error");
        assertThat(members.getRequired()).containsExactly("kind", "message");
        unauthorized.fieldNames().forEachRemaining(member -> assertThat(members.getProperties()).containsKey(member));
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                assertThat(operation.getResponses()).as(method + " " + path).containsKey("default")));
    }

    private SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(svc.host().get("/api/openapi.json").body(), null, options);
    }
}
