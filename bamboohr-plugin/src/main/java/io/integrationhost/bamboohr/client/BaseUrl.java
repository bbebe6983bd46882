package io.integrationhost.bamboohr.client;

import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where BambooHR's API is: {@code https://{subdomain}.bamboohr.com} for a company, or the operator's override.
 *
 * <p>The override ({@value #SETTING}, the host's {@code BAMBOOHR_BASE_URL}) is operator configuration, read from
 * the host's context and never from a call's input or credentials; it exists so tests and staging can point the
 * plugin at a stub or a mock served from BambooHR's OpenAPI description. The subdomain is still checked when it
 * is set, so a bad credential fails the same way everywhere.
 */
public final class BaseUrl {

    /** Name of the operator setting that replaces {@code https://{subdomain}.bamboohr.com}. */
    public static final String SETTING = "BASE_URL";

    private BaseUrl() {
    }

    /**
     * The base URI requests are built on, without a trailing slash.
     *
     * @throws IntegrationException of kind {@link ErrorKind#CONNECTION_FAILED} when the operator's override is
     *     not an absolute http(s) URL
     */
    public static URI resolve(Subdomain subdomain, Optional<String> override) throws IntegrationException {
        if (override.isEmpty() || override.get().isBlank()) {
            return URI.create("https://" + subdomain.host());
        }
        String configured = override.get().strip();
        try {
            URI uri = new URI(configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw misconfigured();
            }
            return uri;
        } catch (URISyntaxException e) {
            throw misconfigured();
        }
    }

    private static IntegrationException misconfigured() {
        return new IntegrationException(IntegrationError.of(ErrorKind.CONNECTION_FAILED,
                        "The operator setting BAMBOOHR_BASE_URL is not an absolute http(s) URL.")
                .withRemedy("Set BAMBOOHR_BASE_URL to an address such as http://127.0.0.1:4010, or remove it to use "
                        + "BambooHR itself."));
    }
}
