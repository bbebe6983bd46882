package io.integrationhost.host.oauth;

import io.integrationhost.api.OperatorSettings;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.error.HostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints of one OAuth 2.0 configuration: the descriptor's URL templates with each {@code {key}} replaced by
 * that non-secret field's value (URL-encoded), unless an operator setting replaces a URL:
 * {@code <ID>_OAUTH_AUTHORIZATION_URL}, {@code <ID>_OAUTH_TOKEN_URL}, {@code <ID>_OAUTH_REVOCATION_URL}, named as
 * {@link io.integrationhost.api.OperatorSettings#variable} names a plugin's settings (the integration's id, upper-cased),
 * which may use the same placeholders.
 *
 * @param authorization the authorization endpoint, or {@code null} when the grant needs none
 * @param token the token endpoint
 * @param revocation the revocation endpoint, or {@code null}
 */
public record OAuthEndpoints(URI authorization, URI token, URI revocation) {

    /** The settings' names, after the integration's id: {@code ACME_OAUTH_TOKEN_URL} for integration {@code acme}. */
    public static final String AUTHORIZATION_SETTING = "OAUTH_AUTHORIZATION_URL";
    public static final String TOKEN_SETTING = "OAUTH_TOKEN_URL";
    public static final String REVOCATION_SETTING = "OAUTH_REVOCATION_URL";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    /**
     * Resolves {@code spec}'s URLs for {@code integrationId} with the non-secret {@code values}.
     *
     * @throws io.integrationhost.runtime.error.HostException (400) when a placeholder's field has no value, or a value
     *     does not make a URL; every such field is named
     */
    public static OAuthEndpoints resolve(OAuth2Spec spec, String integrationId, Map<String, String> values,
                                         Map<String, String> environment) {
        Map<String, String> violations = new LinkedHashMap<>();
        URI authorization = resolve(spec.authorizationUrl(), integrationId, AUTHORIZATION_SETTING, values, environment,
                violations);
        URI token = resolve(spec.tokenUrl(), integrationId, TOKEN_SETTING, values, environment, violations);
        URI revocation = resolve(spec.revocationUrl(), integrationId, REVOCATION_SETTING, values, environment, violations);
        if (!violations.isEmpty()) {
            throw CredentialForm.invalid(violations);
        }
        return new OAuthEndpoints(authorization, token, revocation);
    }

    /**
     * One URL: the operator's where set (an operator may point a provider elsewhere, even at {@code http:}), else the
     * descriptor's; {@code null} when neither gives one, or when a value is missing or unusable (then in
     * {@code violations}).
     */
    private static URI resolve(String declared, String integrationId, String setting, Map<String, String> values,
                               Map<String, String> environment, Map<String, String> violations) {
        String variable = OperatorSettings.variable(integrationId, setting);
        String override = environment.get(variable);
        String template = override == null || override.isBlank() ? declared : override.strip();
        if (template == null) {
            return null;
        }
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder url = new StringBuilder();
        boolean complete = true;
        while (placeholders.find()) {
            String key = placeholders.group(1);
            String value = values.get(key);
            if (value == null || value.isBlank()) {
                violations.putIfAbsent(key, key + " is required: the provider's address is made from it");
                complete = false;
            } else {
                placeholders.appendReplacement(url, Matcher.quoteReplacement(encoded(value.strip())));
            }
        }
        placeholders.appendTail(url);
        if (!complete) {
            return null;
        }
        URI uri = httpUrl(url.toString());
        if (uri != null) {
            return uri;
        }
        List<String> keys = PLACEHOLDER.matcher(template).results().map(match -> match.group(1)).toList();
        if (keys.isEmpty()) {
            // Nothing the person entered is to blame: the descriptor, or the operator's setting, is wrong.
            throw HostException.pluginUnavailable("The OAuth " + setting.substring(6, setting.length() - 4).toLowerCase(Locale.ROOT)
                    + " URL of " + integrationId + " is not an http(s) address.", override == null || override.isBlank()
                    ? "Ask the plugin's developer to correct its descriptor." : "Correct the setting " + variable + ".");
        }
        keys.forEach(key -> violations.putIfAbsent(key, key + " does not make a valid address of the provider"));
        return null;
    }

    private static URI httpUrl(String url) {
        try {
            URI uri = new URI(url);
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * {@code value} percent-encoded but for RFC 3986's unreserved characters, so that it stays within the part of the
     * URL its placeholder stands in: a {@code /}, {@code ?} or {@code @} in a value cannot move to another host or
     * path, and a character a host name cannot have leaves the URL without a host, which is refused.
     */
    private static String encoded(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
