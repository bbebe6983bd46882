package io.integrationhost.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrAccount;
import io.integrationhost.bamboohr.support.LocalStub;
import io.integrationhost.bamboohr.support.TestExtensions;
import io.integrationhost.testkit.PluginHarness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The API key never shows: not in an error's message, detail or remedy, not in an exception or its causes, not in
 * a connection check, not in the plugin's log lines at any level, not in a {@code toString()}.
 */
class SecretHygieneTest {

    private static final String KEY = TestExtensions.API_KEY;
    private static final String ENCODED_KEY = TestExtensions.BASIC_AUTHORIZATION.substring("Basic ".length());

    @RegisterExtension
    static WireMockExtension bamboo = LocalStub.bambooHr();

    private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
    private final List<Logger> watched = new ArrayList<>();
    private final TestExtensions extensions = TestExtensions.create();
    private PluginHarness plugin;

    @BeforeEach
    void captureThePluginsLogsAtEveryLevel() {
        for (String name : List.of("io.integrationhost", "org.apache.hc.client5.http.impl.classic")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.TRACE);
            logger.setAdditive(false);
            logger.addAppender(logLines);
            watched.add(logger);
        }
        logLines.start();
        plugin = extensions.against(bamboo.baseUrl());
    }

    @AfterEach
    void stopCapturing() {
        plugin.close();
        watched.forEach(logger -> {
            logger.detachAppender(logLines);
            logger.setAdditive(true);
            logger.setLevel(null);
        });
    }

    static Stream<ResponseDefinitionBuilder> failures() {
        return Stream.of(
                // An upstream that echoes the key back must not get it into an error.
                aResponse().withStatus(401).withHeader("X-BambooHR-Error-Message", "API key " + KEY + " is invalid"),
                aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad header Basic " + ENCODED_KEY + "\"}"),
                aResponse().withStatus(403),
                aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse().withStatus(503),
                aResponse().withStatus(500).withHeader("X-BambooHR-Error-Message", "Oops"),
                aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>" + KEY + "</html>"),
                aResponse().withStatus(200).withFixedDelay(1_000));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void noFailureRevealsTheKey(ResponseDefinitionBuilder failure) {
        bamboo.stubFor(any(anyUrl()).willReturn(failure));

        IntegrationException thrown = catchThrowableOfType(IntegrationException.class,
                () -> extensions.integration().execute(new ActionCall("list-employee-fields", Map.of(),
                        TestExtensions.CREDENTIALS, plugin.context())));
        ConnectionCheck check = extensions.integration().testConnection(TestExtensions.CREDENTIALS, plugin.context());

        assertKeyAbsentFrom(thrown.error());
        assertKeyAbsentFrom(check.error());
        assertThat(check.message()).doesNotContain(KEY, ENCODED_KEY);
        assertThat(stackTraceOf(thrown)).doesNotContain(KEY, ENCODED_KEY);
        assertThat(loggedText()).doesNotContain(KEY, ENCODED_KEY);
    }

    @Test
    void refusedCredentialsDoNotRevealTheKeyEvenWhenItWasPastedIntoTheSubdomainField() {
        IntegrationException thrown = catchThrowableOfType(IntegrationException.class,
                () -> extensions.integration().execute(new ActionCall("list-employee-fields", Map.of(),
                        Credentials.of(Map.of("subdomain", "x." + KEY, "apiKey", KEY)), plugin.context())));

        assertKeyAbsentFrom(thrown.error());
        assertThat(stackTraceOf(thrown)).doesNotContain(KEY);
    }

    @Test
    void noToStringShowsTheKey() throws IntegrationException {
        assertThat(BambooHrAccount.from(TestExtensions.CREDENTIALS).toString()).doesNotContain(KEY).contains("acme");
        assertThat(TestExtensions.CREDENTIALS.toString()).doesNotContain(KEY);
        assertThat(extensions.integration().toString()).doesNotContain(KEY);
    }

    private String loggedText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : logLines.list) {
            text.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(event.getThrowableProxy().getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    private static void assertKeyAbsentFrom(IntegrationError error) {
        assertThat(error).isNotNull();
        Stream.of(error.message(), error.remedy(), error.upstreamDetail(), error.requestId(), error.toString())
                .filter(Objects::nonNull)
                .forEach(text -> assertThat(text).doesNotContain(KEY, ENCODED_KEY));
    }

    private static String stackTraceOf(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
