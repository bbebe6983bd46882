package io.integrationhost.bamboohr.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.integrationhost.api.ActionCall;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.BambooHrAuthorizationProfile;
import io.integrationhost.bamboohr.BambooHrIntegration;
import io.integrationhost.bamboohr.BambooHrOAuthProfile;
import io.integrationhost.bamboohr.actions.ActionCatalog;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.ClientSettings;
import io.integrationhost.bamboohr.client.RetryPolicy;
import io.integrationhost.testkit.PluginHarness;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

/**
 * The integration and the two authorization profile types as a test makes them, each with its own client: short
 * time-outs, a {@link RecordingSleeper} so that retries cost no time, and a fixed clock for {@code Retry-After} dates.
 * The kit's harness runs them as the host does (input and credentials checked first, the {@code BASE_URL} setting
 * pointing at a local stub) and closes them when it is closed.
 */
public final class TestExtensions {

    /** A key of the real form: 40 hex characters. */
    public static final String API_KEY = "4f3a9c1be2d84075a6c3f19e0b7d52a8c4e6f013";
    /** {@code Basic base64("<API_KEY>:x")}. */
    public static final String BASIC_AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString((API_KEY + ":x").getBytes(StandardCharsets.UTF_8));
    public static final Map<String, String> CREDENTIAL_VALUES = Map.of("subdomain", "acme", "apiKey", API_KEY);
    public static final Credentials CREDENTIALS = Credentials.of(CREDENTIAL_VALUES);
    /** The instant the test clock shows, for {@code Retry-After} dates. */
    public static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");
    public static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(700);

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final BambooHrIntegration integration;
    private final BambooHrAuthorizationProfile profile;
    private final BambooHrOAuthProfile oauthProfile;

    private TestExtensions(ClientSettings settings) {
        this.integration = new BambooHrIntegration(client(settings), ActionCatalog.bambooHr());
        this.profile = new BambooHrAuthorizationProfile(client(settings));
        this.oauthProfile = new BambooHrOAuthProfile(client(settings));
    }

    /** The extensions with the default retry policy. */
    public static TestExtensions create() {
        return with(new ClientSettings(Duration.ofSeconds(2), RESPONSE_TIMEOUT, 4, RetryPolicy.DEFAULT));
    }

    /** The extensions with clients of {@code settings}. */
    public static TestExtensions with(ClientSettings settings) {
        return new TestExtensions(settings);
    }

    private BambooHrClient client(ClientSettings settings) {
        return new BambooHrClient(settings, sleeper, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The kit's harness for these extensions, with the descriptor on the class path and {@link #CREDENTIAL_VALUES}. */
    public PluginHarness.Builder harness() {
        return PluginHarness.forExtensions(integration, Map.of(profile.profileTypeId(), profile,
                oauthProfile.profileTypeId(), oauthProfile)).credentials(CREDENTIAL_VALUES);
    }

    /** The harness started, with {@code BASE_URL} set to {@code baseUrl}. */
    public PluginHarness against(String baseUrl) {
        return harness().setting("BASE_URL", baseUrl).start();
    }

    /** A started harness of new extensions talking to {@code baseUrl}. */
    public static PluginHarness startedAgainst(String baseUrl) {
        return create().against(baseUrl);
    }

    /**
     * Calls the integration directly with {@link #CREDENTIALS}, past the host's input check and the schema's defaults:
     * for what the plugin itself does with input the host would refuse (its own defence) or would complete.
     */
    public Object execute(String actionId, Map<String, Object> input, IntegrationContext context) throws IntegrationException {
        return integration.execute(new ActionCall(actionId, input, CREDENTIALS, context));
    }

    /** The typed error a direct call (see {@link #execute}) fails with. */
    public IntegrationError directFailure(String actionId, Map<String, Object> input, IntegrationContext context) {
        IntegrationException thrown = catchThrowableOfType(IntegrationException.class, () -> execute(actionId, input, context));
        assertThat(thrown).as("the action fails with a typed error").isNotNull();
        return thrown.error();
    }

    public BambooHrIntegration integration() {
        return integration;
    }

    public BambooHrAuthorizationProfile profile() {
        return profile;
    }

    /** The "BambooHR with OAuth 2.0" profile type, which verifies an access token the host obtained. */
    public BambooHrOAuthProfile oauthProfile() {
        return oauthProfile;
    }

    public RecordingSleeper sleeper() {
        return sleeper;
    }
}
