package io.integrationhost.e2e;

import java.util.Map;

/**
 * Every BambooHR action through the real host against BambooHR's own description, as in
 * {@link BambooHrAgainstItsOpenApiTest}, with BambooHR in the host's own process: an operator who trusts it names it
 * in {@code HOST_IN_PROCESS_PLUGINS}.
 */
class BambooHrInProcessAgainstItsOpenApiTest extends BambooHrAgainstItsOpenApiTest {

    @Override
    Map<String, String> isolationSettings() {
        return Map.of("HOST_IN_PROCESS_PLUGINS", "bamboohr");
    }
}
