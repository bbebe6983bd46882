package io.integrationhost.bamboohr.client;

import io.integrationhost.api.AccessToken;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The BambooHR account one call acts as: a company's subdomain and how the call proves it may act, either an API key
 * (HTTP Basic) or an OAuth 2.0 access token the host obtained (its {@code Authorization} header as the host states
 * it, {@code Bearer} for BambooHR). Its {@link #toString()} never shows the key or the token.
 */
public final class BambooHrAccount {

    /** The credential field keys declared in the plugin's descriptor. */
    public static final String SUBDOMAIN_FIELD = "subdomain";
    public static final String API_KEY_FIELD = "apiKey";

    /** Keys are 40 hex characters; anything a Basic-auth user name cannot carry is refused outright. */
    private static final Pattern KEY_CHARACTERS = Pattern.compile("^[A-Za-z0-9._~-]+$");
    /** BambooHR ignores the password; everyone sends {@code x}. */
    private static final String IGNORED_PASSWORD = "x";

    private final Subdomain subdomain;
    private final String authorization;
    /** What {@link #redact} removes: the secret in clear and in the form the header carries it. */
    private final String secret;
    private final String encodedSecret;
    private final boolean token;

    private BambooHrAccount(Subdomain subdomain, String authorization, String secret, String encodedSecret,
                            boolean token) {
        this.subdomain = subdomain;
        this.authorization = authorization;
        this.secret = secret;
        this.encodedSecret = encodedSecret;
        this.token = token;
    }

    /**
     * The account in one call's credentials, checked before any request is made: the access token when the host sent
     * one (an OAuth 2.0 authorization), else the API key.
     *
     * @throws IntegrationException of kind {@link ErrorKind#INVALID_CREDENTIALS} when a field is missing or malformed
     */
    public static BambooHrAccount from(Credentials credentials) throws IntegrationException {
        Subdomain subdomain = Subdomain.parse(credentials.require(SUBDOMAIN_FIELD));
        Optional<AccessToken> accessToken = credentials.accessToken();
        if (accessToken.isPresent()) {
            String value = accessToken.get().value();
            return new BambooHrAccount(subdomain, accessToken.get().authorizationHeader(), value, value, true);
        }
        String apiKey = credentials.require(API_KEY_FIELD).strip();
        if (!KEY_CHARACTERS.matcher(apiKey).matches()) {
            throw new IntegrationException(IntegrationError.of(ErrorKind.INVALID_CREDENTIALS,
                            "The BambooHR API key contains characters an API key never has.")
                    .withRemedy("Copy the key again from BambooHR (profile menu > API Keys) without spaces or quotes."));
        }
        String encoded = Base64.getEncoder()
                .encodeToString((apiKey + ":" + IGNORED_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return new BambooHrAccount(subdomain, "Basic " + encoded, apiKey, encoded, false);
    }

    /** The company's subdomain. */
    public Subdomain subdomain() {
        return subdomain;
    }

    /** Whether the call presents an OAuth 2.0 access token rather than an API key. */
    public boolean usesAccessToken() {
        return token;
    }

    /** What the call presents, for messages: "API key" or "access token". */
    public String credentialName() {
        return token ? "access token" : "API key";
    }

    /** The value of the {@code Authorization} header. */
    String authorization() {
        return authorization;
    }

    /** Removes the key or token, in clear or in its header form, from text that came from elsewhere. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(secret, "[redacted]").replace(encodedSecret, "[redacted]");
    }

    @Override
    public String toString() {
        return "BambooHrAccount[subdomain=" + subdomain + ", " + (token ? "accessToken" : "apiKey") + "=(hidden)]";
    }
}
