package io.integrationhost.bamboohr.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.integrationhost.api.ActionCall;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.BambooHrAuthorizationProfile;
import io.integrationhost.bamboohr.BambooHrIntegration;
import io.integrationhost.bamboohr.actions.ActionCatalog;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import io.integrationhost.bamboohr.client.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

/**
 * The integration and the authorization profile as the host would run them, each with its own client, pointed at
 * a local stub through the {@code BASE_URL} operator setting, with short time-outs and a {@link RecordingSleeper}
 * so that retries cost no time.
 */
public final class PluginUnderTest implements AutoCloseable {

    /** A key of the real form: 40 hex characters. */
    public static final String API_KEY = "4f3a9c1be2d84075a6c3f19e0b7d52a8c4e6f013";
    /** {@code Basic base64("<API_KEY>:x")}. */
    public static final String BASIC_AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString((API_KEY + ":x").getBytes(StandardCharsets.UTF_8));
    public static final Credentials CREDENTIALS = Credentials.of(Map.of("subdomain", "acme", "apiKey", API_KEY));
    /** The instant the test clock shows, for {@code Retry-After} dates. */
    public static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");
    public static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(700);

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final BambooHrIntegration integration;
    private final BambooHrAuthorizationProfile profile;
    private final StubContext context;

    private PluginUnderTest(String baseUrl, RetryPolicy retryPolicy) {
        ClientSettings settings = new ClientSettings(Duration.ofSeconds(2), RESPONSE_TIMEOUT, 4, retryPolicy);
        this.integration = new BambooHrIntegration(client(settings), ActionCatalog.bambooHr());
        this.profile = new BambooHrAuthorizationProfile(client(settings));
        this.context = StubContext.pointingAt(baseUrl);
    }

    private BambooHrClient client(ClientSettings settings) {
        return new BambooHrClient(settings, sleeper, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The plugin with the default retry policy, talking to {@code baseUrl}. */
    public static PluginUnderTest against(String baseUrl) {
        return new PluginUnderTest(baseUrl, RetryPolicy.DEFAULT);
    }

    public BambooHrIntegration integration() {
        return integration;
    }

    public BambooHrAuthorizationProfile profile() {
        return profile;
    }

    public StubContext context() {
        return context;
    }

    public RecordingSleeper sleeper() {
        return sleeper;
    }

    /** Runs an action with input that must first pass the action's declared input schema, as in the host. */
    public Object run(String actionId, Map<String, Object> input) throws IntegrationException {
        return run(actionId, input, context);
    }

    /** Like {@link #run(String, Map)} with another context. */
    public Object run(String actionId, Map<String, Object> input, StubContext callContext) throws IntegrationException {
        assertThat(Descriptor.problemsWith(actionId, input)).as("input valid against the declared schema").isEmpty();
        return integration.execute(new ActionCall(actionId, input, CREDENTIALS, callContext));
    }

    /** The typed error an action fails with. */
    public IntegrationError failure(String actionId, Map<String, Object> input) {
        return failure(actionId, input, CREDENTIALS);
    }

    /** The typed error an action fails with, with other credentials. */
    public IntegrationError failure(String actionId, Map<String, Object> input, Credentials credentials) {
        IntegrationException thrown = catchThrowableOfType(IntegrationException.class,
                () -> integration.execute(new ActionCall(actionId, input, credentials, context)));
        assertThat(thrown).as("the action fails with a typed error").isNotNull();
        return thrown.error();
    }

    @Override
    public void close() {
        integration.close();
        profile.close();
    }
}
