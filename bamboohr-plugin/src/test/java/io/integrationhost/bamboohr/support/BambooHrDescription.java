package io.integrationhost.bamboohr.support;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * BambooHR's own OpenAPI description (kept in the shared folder beside the repository clone) and one realistic
 * input per action ({@code src/test/resources/contract/action-inputs.json}) to send through it. The host's
 * end-to-end suite sends the same file's inputs through the real host to the same description.
 */
public final class BambooHrDescription {

    /** How the tests are told where BambooHR's description is. */
    public static final String SPEC_PROPERTY = "bamboohr.openapi";

    private BambooHrDescription() {
    }

    /** The description's path; fails the test with what to set when it cannot be found. */
    public static Path openApi() {
        String configured = System.getProperty(SPEC_PROPERTY);
        // The shared folder sits beside the repository clone; the fallbacks cover a build started in a module.
        List<Path> candidates = Stream.of(configured, "../../shared/bamboohr/openapi.yaml", "../shared/bamboohr/openapi.yaml")
                .filter(Objects::nonNull).map(Path::of).toList();
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(Path::toAbsolutePath)
                .orElseGet(() -> fail("BambooHR's OpenAPI description was not found at " + candidates
                        + "; set -D" + SPEC_PROPERTY + "=<path to openapi.yaml>."));
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
