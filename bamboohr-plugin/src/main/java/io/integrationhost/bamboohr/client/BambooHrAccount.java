package io.integrationhost.bamboohr.client;

import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The BambooHR account one call acts as: a company's subdomain and an API key. Its {@link #toString()} never
 * shows the key.
 *
 * @param subdomain the company's subdomain
 * @param apiKey the API key, which BambooHR takes as the Basic-auth user name
 */
public record BambooHrAccount(Subdomain subdomain, String apiKey) {

    /** The credential field keys declared in the plugin's descriptor. */
    public static final String SUBDOMAIN_FIELD = "subdomain";
    public static final String API_KEY_FIELD = "apiKey";

    /** Keys are 40 hex characters; anything a Basic-auth user name cannot carry is refused outright. */
    private static final Pattern KEY_CHARACTERS = Pattern.compile("^[A-Za-z0-9._~-]+$");
    /** BambooHR ignores the password; everyone sends {@code x}. */
    private static final String IGNORED_PASSWORD = "x";

    /**
     * The account in one call's credentials, checked before any request is made.
     *
     * @throws IntegrationException of kind {@link ErrorKind#INVALID_CREDENTIALS} when a field is missing or malformed
     */
    public static BambooHrAccount from(Credentials credentials) throws IntegrationException {
        Subdomain subdomain = Subdomain.parse(credentials.require(SUBDOMAIN_FIELD));
        String apiKey = credentials.require(API_KEY_FIELD).strip();
        if (!KEY_CHARACTERS.matcher(apiKey).matches()) {
            throw new IntegrationException(IntegrationError.of(ErrorKind.INVALID_CREDENTIALS,
                            "The BambooHR API key contains characters an API key never has.")
                    .withRemedy("Copy the key again from BambooHR (profile menu > API Keys) without spaces or quotes."));
        }
        return new BambooHrAccount(subdomain, apiKey);
    }

    /** The value of the {@code Authorization} header. */
    String authorization() {
        String userAndPassword = apiKey + ":" + IGNORED_PASSWORD;
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the key, in clear or in its Basic-auth form, from text that came from elsewhere. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String encoded = authorization().substring("Basic ".length());
        return text.replace(apiKey, "[redacted]").replace(encoded, "[redacted]");
    }

    @Override
    public String toString() {
        return "BambooHrAccount[subdomain=" + subdomain + ", apiKey=(hidden)]";
    }
}
