package io.integrationhost.bamboohr.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhost.testkit.OpenApiMock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * BambooHR's own OpenAPI description and one realistic input per action
 * ({@code src/test/resources/contract/action-inputs.json}) to send through it. The description is BambooHR's file
 * (MIT licence) and stays out of this repository: it is read from {@code -Dbamboohr.openapi=PATH}, or else from
 * {@code ../shared/bamboohr/openapi.yaml} beside the repository clone. The host's end-to-end suite sends the same
 * file's inputs through the real host to the same description.
 */
public final class BambooHrDescription {

    /** How the tests are told where BambooHR's description is. */
    public static final String SPEC_PROPERTY = "bamboohr.openapi";
    /** Set to {@code true} (as CI does), the description's absence fails the contract tests instead of skipping them. */
    public static final String REQUIRED_VARIABLE = "REQUIRE_BAMBOOHR_OPENAPI";
    /** Where to get the description. */
    public static final String SOURCE = "BambooHR's description (their file, MIT licence: specs/public.yaml in"
            + " https://github.com/BambooHR/bhr-api-php)";

    private BambooHrDescription() {
    }

    /**
     * The description's path; skips the calling test with where to get the file when it is not there, or fails it
     * when {@value #REQUIRED_VARIABLE} is {@code true}. Surefire runs in the module's folder, the clone's child.
     */
    public static Path openApi() {
        return OpenApiMock.description(SPEC_PROPERTY, Path.of("../../shared/bamboohr/openapi.yaml"), REQUIRED_VARIABLE, SOURCE);
    }

    /** One input per action, by action id, each valid against the action's declared input schema. */
    public static Map<String, Map<String, Object>> actionInputs() {
        try (var in = BambooHrDescription.class.getResourceAsStream("/contract/action-inputs.json")) {
            return new ObjectMapper().readValue(Objects.requireNonNull(in, "contract/action-inputs.json"),
                    new TypeReference<LinkedHashMap<String, Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
