package io.integrationhost.bamboohr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.bamboohr.actions.ActionCatalog;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.ClassPathDescriptor;
import io.integrationhost.testkit.PluginHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin's metadata is valid for the host, and declares exactly the actions the code implements. The descriptor
 * is read by the kit, with the host's own rules (the platform's JSON Schema among them).
 */
class DescriptorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fails, listing every violation, unless the host accepts the descriptor: its schema and its rules. */
    private static IntegrationDescriptor descriptor() {
        return ClassPathDescriptor.read(DescriptorTest.class.getClassLoader());
    }

    private static List<String> actionIds() {
        return descriptor().actions().stream().map(ActionSpec::id).toList();
    }

    @Test
    void theDescriptorValidatesAgainstThePlatformsSchema() {
        assertThat(descriptor().id()).isEqualTo("bamboohr");
    }

    @Test
    void everyDeclaredActionHasAHandlerAndEveryHandlerIsDeclared() {
        assertThat(actionIds()).containsExactlyElementsOf(ActionCatalog.bambooHr().ids());
    }

    @Test
    void theElevenActionsOfTheIssueAreDeclared() {
        assertThat(actionIds()).containsExactlyInAnyOrder("create-employee", "get-employee", "list-employees",
                "update-employee", "get-time-off-requests", "whos-out", "update-time-off-request-status",
                "create-time-off-request", "list-time-off-types", "list-employee-fields", "list-changed-employees");
    }

    @Test
    void theDescriptorNamesTheExtensionsOfThisPlugin() {
        assertThat(descriptor().id()).isEqualTo(new BambooHrIntegration().integrationId());
        assertThat(descriptor().authorizationProfiles().stream().map(ProfileTypeSpec::id))
                .contains(new BambooHrAuthorizationProfile().profileTypeId());
        assertThat(getClass().getClassLoader().getResource(descriptor().icon())).isNotNull();
    }

    @Test
    void anAdministratorMayPresetTheSubdomainButEachEndUserEntersTheirOwnKeyWithALinkToWhereItIsMade() {
        ProfileTypeSpec apiKeys = descriptor().profileType(new BambooHrAuthorizationProfile().profileTypeId()).orElseThrow();
        Map<String, Boolean> presettable = new java.util.LinkedHashMap<>();
        apiKeys.fields().forEach(field -> presettable.put(field.key(), field.presettable()));

        assertThat(presettable).containsExactly(Map.entry("subdomain", true), Map.entry("apiKey", false));
        assertThat(apiKeys.fields().get(1).helpUrl()).isEqualTo("https://{subdomain}.bamboohr.com/settings/permissions/api.php");
        assertThat(descriptor().profileType("bamboohr-oauth").orElseThrow().fields())
                .allSatisfy(field -> assertThat(field.presettable()).as(field.key()).isTrue());
    }

    @Test
    void everyInputSchemaIsAValidJsonSchema202012() {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        descriptor().actions().forEach(action ->
                assertThat(metaSchema.validate(JSON.valueToTree(action.inputSchema()))).as(action.id()).isEmpty());
    }

    /** A form shows a date field as the browser's date picker, in the reader's own order (mm/dd/yyyy, dd.mm.yyyy…). */
    @Test
    void aDateFieldsDescriptionDoesNotSpellOutAFormatThePickerDoesNotShow() {
        List<String> spelled = new ArrayList<>();
        descriptor().actions().forEach(action -> JSON.valueToTree(action.inputSchema()).findParents("format").forEach(field -> {
            if (field.path("format").asText().equals("date") && field.path("description").asText().contains("YYYY")) {
                spelled.add(action.id() + ": " + field.path("title").asText());
            }
        }));
        assertThat(spelled).isEmpty();
    }

    @Test
    void everyInputPropertyHasATitleAndADescriptionForTheFormsBuiltFromIt() {
        List<String> undocumented = new ArrayList<>();
        descriptor().actions().forEach(action -> {
            String id = action.id();
            JsonNode schema = JSON.valueToTree(action.inputSchema());
            assertThat(schema.path("$schema").asText()).as(id).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.has("additionalProperties")).as(id + " says whether other properties are allowed").isTrue();
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                if (!property.getValue().hasNonNull("title") || !property.getValue().hasNonNull("description")) {
                    undocumented.add(id + "." + property.getKey());
                }
            }
            schema.path("required").forEach(required ->
                    assertThat(schema.path("properties").has(required.asText())).as(id + " requires a declared property").isTrue());
            assertThat(action.output() == null ? null : action.output().description()).as(id + " output").isNotBlank();
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theDeclaredSchemasRefuseWhatBambooHrWouldRefuse() {
        try (PluginHarness plugin = TestExtensions.create().harness().start()) {
            assertThat(plugin.run("get-time-off-requests", Map.of("start", "2026-03-01")).inputViolations()).isNotEmpty();
            assertThat(plugin.run("get-time-off-requests", Map.of("start", "1 March", "end", "2026-03-31")).inputViolations())
                    .isNotEmpty();
            assertThat(plugin.run("update-time-off-request-status",
                    Map.of("requestId", "12", "status", "maybe")).inputViolations()).isNotEmpty();
            assertThat(plugin.run("list-changed-employees", Map.of("since", "yesterday")).inputViolations()).isNotEmpty();
            assertThat(plugin.run("create-employee", Map.of("firstName", "Panda")).inputViolations()).isNotEmpty();
            assertThat(plugin.run("get-employee", Map.of("id", "4", "surprise", true)).inputViolations()).isNotEmpty();
            assertThat(plugin.run("get-employee", Map.of("id", "../4")).inputViolations()).isNotEmpty();
        }
    }
}
