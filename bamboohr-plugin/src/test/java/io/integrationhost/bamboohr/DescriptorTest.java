package io.integrationhost.bamboohr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.integrationhost.bamboohr.actions.ActionCatalog;
import io.integrationhost.bamboohr.support.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin's metadata is valid for the host, and declares exactly the actions the code implements. */
class DescriptorTest {

    @Test
    void theDescriptorValidatesAgainstThePlatformsSchema() {
        assertThat(Descriptor.platformSchema().validate(Descriptor.json())).isEmpty();
    }

    @Test
    void everyDeclaredActionHasAHandlerAndEveryHandlerIsDeclared() {
        assertThat(Descriptor.actionIds()).containsExactlyElementsOf(ActionCatalog.bambooHr().ids());
    }

    @Test
    void theElevenActionsOfTheIssueAreDeclared() {
        assertThat(Descriptor.actionIds()).containsExactlyInAnyOrder("create-employee", "get-employee", "list-employees",
                "update-employee", "get-time-off-requests", "whos-out", "update-time-off-request-status",
                "create-time-off-request", "list-time-off-types", "list-employee-fields", "list-changed-employees");
    }

    @Test
    void theDescriptorNamesTheExtensionsOfThisPlugin() {
        assertThat(Descriptor.json().path("id").asText()).isEqualTo(new BambooHrIntegration().integrationId());
        assertThat(Descriptor.json().path("authorizationProfiles").findValuesAsText("id"))
                .contains(new BambooHrAuthorizationProfile().profileTypeId());
        assertThat(getClass().getClassLoader().getResource(Descriptor.json().path("icon").asText())).isNotNull();
    }

    @Test
    void everyInputSchemaIsAValidJsonSchema202012() {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        Descriptor.actions().forEach((id, action) ->
                assertThat(metaSchema.validate(action.path("inputSchema"))).as(id).isEmpty());
    }

    @Test
    void everyInputPropertyHasATitleAndADescriptionForTheFormsBuiltFromIt() {
        List<String> undocumented = new ArrayList<>();
        Descriptor.actions().forEach((id, action) -> {
            JsonNode schema = action.path("inputSchema");
            assertThat(schema.path("$schema").asText()).as(id).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.has("additionalProperties")).as(id + " says whether other properties are allowed").isTrue();
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                if (!property.getValue().hasNonNull("title") || !property.getValue().hasNonNull("description")) {
                    undocumented.add(id + "." + property.getKey());
                }
            }
            schema.path("required").forEach(required ->
                    assertThat(schema.path("properties").has(required.asText())).as(id + " requires a declared property").isTrue());
            assertThat(action.path("output").path("description").asText()).as(id + " output").isNotBlank();
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theDeclaredSchemasRefuseWhatBambooHrWouldRefuse() {
        assertThat(Descriptor.problemsWith("get-time-off-requests", Map.of("start", "2026-03-01"))).isNotEmpty();
        assertThat(Descriptor.problemsWith("get-time-off-requests", Map.of("start", "1 March", "end", "2026-03-31")))
                .isNotEmpty();
        assertThat(Descriptor.problemsWith("update-time-off-request-status",
                Map.of("requestId", "12", "status", "maybe"))).isNotEmpty();
        assertThat(Descriptor.problemsWith("list-changed-employees", Map.of("since", "yesterday"))).isNotEmpty();
        assertThat(Descriptor.problemsWith("create-employee", Map.of("firstName", "Panda"))).isNotEmpty();
        assertThat(Descriptor.problemsWith("get-employee", Map.of("id", "4", "surprise", true))).isNotEmpty();
        assertThat(Descriptor.problemsWith("get-employee", Map.of("id", "../4"))).isNotEmpty();
    }
}
