package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.api.metadata.ActionSpec;
import io.integrationhost.bamboohr.support.BambooHrDescription;
import io.integrationhost.bamboohr.support.LocalStub;
import io.integrationhost.bamboohr.support.SentRequests;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.ClassPathDescriptor;
import io.integrationhost.testkit.PluginHarness;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The effect each action declares is the one its requests have: an action is READ exactly when every request it
 * sends is a GET, the method BambooHR's description gives its read operations ({@link OpenApiContractTest} checks
 * each action's requests, method included, against that description). A screen asks before running a WRITE, so a
 * write declared READ would change data unasked.
 */
class ActionEffectsTest {

    @RegisterExtension
    static WireMockExtension bamboo = LocalStub.bambooHr();

    private final TestExtensions extensions = TestExtensions.create();
    private PluginHarness plugin;

    @BeforeEach
    void pointPluginAtStub() {
        plugin = extensions.against(bamboo.baseUrl());
    }

    @AfterEach
    void closePlugin() {
        plugin.close();
    }

    static Stream<Arguments> everyAction() {
        Map<String, ActionSpec.Effect> declared = ClassPathDescriptor.read(ActionEffectsTest.class.getClassLoader()).actions()
                .stream().collect(Collectors.toMap(ActionSpec::id, ActionSpec::effect));
        return BambooHrDescription.actionInputs().entrySet().stream()
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue(), declared.get(entry.getKey())));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("everyAction")
    void anActionIsReadExactlyWhenItOnlySendsGets(String action, Map<String, Object> input, ActionSpec.Effect effect) {
        // A 404 is neither retried nor read further: the action's first request is all it sends.
        bamboo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));

        plugin.run(action, input);

        Set<String> methods = SentRequests.all(bamboo).stream().map(request -> request.getMethod().getName())
                .collect(Collectors.toSet());
        assertThat(methods).as("methods " + action + " sends").isNotEmpty();
        assertThat(effect).isEqualTo(methods.equals(Set.of("GET")) ? ActionSpec.Effect.READ : ActionSpec.Effect.WRITE);
    }
}
