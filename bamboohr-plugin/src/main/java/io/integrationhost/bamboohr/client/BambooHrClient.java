package io.integrationhost.bamboohr.client;

import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.json.LenientJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client of all BambooHR actions (Apache HttpClient 5, classic API): a shared pool of connections,
 * time-outs within the host's call time-out, the account's {@code Authorization} (Basic with the API key, or the
 * OAuth 2.0 access token the host obtained), and every failure turned into a typed error by {@link ErrorMapper} after
 * the {@link RetryPolicy} has had its say. Thread-safe; close it once.
 *
 * <p>Redirects are never followed (a redirect would carry the key's or the token's {@code Authorization} header to
 * wherever it points) and HttpClient's own retries are off, so the retry policy here is the only one.
 */
public final class BambooHrClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BambooHrClient.class);

    /** Exactly this: one BambooHR endpoint reads {@code application/json; charset=UTF-8} as XML. */
    private static final ContentType JSON = ContentType.create("application/json");
    private static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Bounds memory per answer; a large company's directory is a few megabytes. */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final ClientSettings settings;
    private final Sleeper sleeper;
    private final Clock clock;
    private final CloseableHttpClient http;
    private volatile boolean closed;

    /** A client that waits with {@link Thread#sleep} and reads dates from the system clock. */
    public static BambooHrClient create(ClientSettings settings) {
        return new BambooHrClient(settings, Sleeper.THREAD_SLEEP, Clock.systemUTC());
    }

    public BambooHrClient(ClientSettings settings, Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                        // A pooled connection idle this long is checked before use, instead of failing the call.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("IntegrationHost-BambooHR")
                .build();
    }

    /**
     * Sends {@code request} as {@code account}, retrying as the policy allows, and returns BambooHR's answer when
     * it is a success or one of the request's {@linkplain BambooHrRequest#answers() answers}.
     *
     * @throws IntegrationException with the typed error of the last attempt
     */
    public BambooHrResponse send(BambooHrRequest request, BambooHrAccount account, IntegrationContext context)
            throws IntegrationException {
        URI base = BaseUrl.resolve(account.subdomain(), context.setting(BaseUrl.SETTING));
        URI uri = request.uri(base);
        String host = base.getRawAuthority();
        long deadline = System.nanoTime() + callTimeout(context).toNanos();
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Duration timeLeft = timeLeft(deadline);
            if (timeLeft.isZero()) {
                throw new IntegrationException(IntegrationError.of(ErrorKind.TIMEOUT,
                        "The call's time limit ran out before BambooHR answered " + request.describe() + "."));
            }
            Duration responseTimeout = min(settings.responseTimeout(), timeLeft);
            BambooHrResponse response = exchange(request, uri, account, responseTimeout, host, context);
            if (response.successful() || request.answers().contains(response.status())) {
                return response;
            }
            Optional<Duration> retryAfter = RetryAfter.of(response, clock.instant());
            Optional<Duration> wait = settings.retryPolicy()
                    .waitBeforeRetry(request, response, attempt, retryAfter, waited, timeLeft(deadline));
            if (wait.isEmpty()) {
                throw new IntegrationException(ErrorMapper.fromResponse(response, account, request.repeatability(), retryAfter));
            }
            LOG.info("BambooHR answered {} to {}; sending it again in {} (attempt {} of {}, request id {}, correlation id {})",
                    response.status(), request.describe(), ErrorMapper.describe(wait.get()), attempt + 1,
                    settings.retryPolicy().maxAttempts(), response.requestId().orElse("none"), context.correlationId());
            pause(wait.get());
            waited = waited.plus(wait.get());
        }
    }

    private BambooHrResponse exchange(BambooHrRequest request, URI uri, BambooHrAccount account,
                                      Duration responseTimeout, String host, IntegrationContext context)
            throws IntegrationException {
        HttpUriRequestBase httpRequest = new HttpUriRequestBase(request.method().name(), uri);
        httpRequest.addHeader(HttpHeaders.ACCEPT, "application/json");
        httpRequest.addHeader(HttpHeaders.AUTHORIZATION, account.authorization());
        if (request.body() != null) {
            httpRequest.setEntity(new ByteArrayEntity(LenientJson.write(request.body()), JSON));
        }
        HttpClientContext httpContext = HttpClientContext.create();
        httpContext.setRequestConfig(perRequestTimeouts(responseTimeout));
        long started = System.nanoTime();
        try {
            BambooHrResponse response = http.execute(httpRequest, httpContext, BambooHrClient::read);
            LOG.debug("{} answered {} in {} ms (request id {}, correlation id {})", request.describe(),
                    response.status(), Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    response.requestId().orElse("none"), context.correlationId());
            return response;
        } catch (IllegalStateException e) {
            if (!closed) {
                throw e;
            }
            // HttpClient refuses to lease a connection from the pool that close() has shut down.
            throw new IntegrationException(IntegrationError.of(ErrorKind.INTERNAL,
                    "The BambooHR client is closed: the plugin has been stopped."), e);
        } catch (BodyTooLargeException e) {
            throw new IntegrationException(IntegrationError.of(ErrorKind.BAD_RESPONSE,
                    "BambooHR sent an answer larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MB."));
        } catch (IOException e) {
            IntegrationError error = ErrorMapper.fromTransport(e, host, responseTimeout);
            LOG.debug("{} got no answer: {} (correlation id {})", request.describe(), error.message(),
                    context.correlationId());
            throw new IntegrationException(error, e);
        }
    }

    /**
     * Time-outs for one attempt; {@code responseTimeout} is already cut to what is left of the call, and connecting
     * may take no longer than that either. HttpClient 5 prefers the connect time-out on
     * the pool's {@link ConnectionConfig}, which cannot know a call's deadline; the per-request value it still
     * honours (and deprecates) is the only way to keep connecting within the host's call time-out.
     */
    @SuppressWarnings("deprecation")
    private RequestConfig perRequestTimeouts(Duration responseTimeout) {
        Timeout connect = Timeout.of(min(settings.connectTimeout(), responseTimeout));
        return RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setConnectTimeout(connect)
                .setResponseTimeout(Timeout.of(responseTimeout))
                .build();
    }

    private static BambooHrResponse read(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return new BambooHrResponse(response.getCode(), headers, readBody(response.getEntity()));
    }

    private static byte[] readBody(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new BodyTooLargeException();
            }
            return body;
        }
    }

    private void pause(Duration wait) throws IntegrationException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(IntegrationError.of(ErrorKind.TIMEOUT,
                    "The call was stopped while waiting to send a request to BambooHR again."));
        }
    }

    private static Duration callTimeout(IntegrationContext context) {
        Duration timeout = context.callTimeout();
        return timeout == null || timeout.isNegative() || timeout.isZero() ? DEFAULT_CALL_TIMEOUT : timeout;
    }

    private static Duration timeLeft(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Shuts the connection pool down; a call after this fails as {@code INTERNAL} without sending anything. */
    @Override
    public void close() {
        closed = true;
        http.close(CloseMode.GRACEFUL);
    }

    @Override
    public String toString() {
        return "BambooHrClient" + settings;
    }

    /** An answer too large to hold; reported as a bad response, not as a broken connection. */
    private static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
