package io.integrationhost.runtime.credentials;

import io.integrationhost.api.metadata.AuthorizationSpec;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.FieldType;
import io.integrationhost.api.metadata.OAuth2Scope;
import io.integrationhost.api.metadata.OAuth2Spec;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.runtime.error.HostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OAuth app's fields, which the host asks for beside the fields an OAuth 2.0 authorization or profile type
 * declares: the app's client id and secret and the scopes chosen. A descriptor never declares them; a plugin's call
 * never receives them (only the access token they obtain).
 */
public final class OAuthAppFields {

    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String SCOPES = "scopes";

    /** The keys the host owns in an OAuth 2.0 value set. */
    public static final Set<String> KEYS = Set.of(CLIENT_ID, CLIENT_SECRET, SCOPES);

    private OAuthAppFields() {
    }

    /** The declared fields followed by the OAuth app's: what a form shows and what stored values are checked against. */
    public static List<CredentialField> effective(List<CredentialField> declared, OAuth2Spec spec) {
        List<CredentialField> fields = new ArrayList<>(declared);
        fields.add(new CredentialField(CLIENT_ID, "Client ID", "The client id of the OAuth app you registered with the provider.",
                FieldType.TEXT, true, false, null, null, null));
        // The OAuth app is the administrator's, never an end user's: its secret is a preset by nature.
        fields.add(new CredentialField(CLIENT_SECRET, "Client secret", "The client secret of that OAuth app. Stored encrypted;"
                + " never shown again.", FieldType.PASSWORD, true, true, null, null, null, null, null, true, null));
        String defaults = String.join(" ", spec.defaultScopes());
        fields.add(new CredentialField(SCOPES, "Scopes", "The permissions to ask for, separated by spaces; empty for the default"
                + (defaults.isEmpty() ? " (none)" : " (" + defaults + ")") + ". Available: " + spec.scopes().stream()
                .map(OAuth2Scope::name).collect(Collectors.joining(" ")) + ".", FieldType.TEXT, false, false, null,
                defaults.isEmpty() ? null : defaults, "scope names separated by spaces"));
        return List.copyOf(fields);
    }

    /** The effective fields of an integration's authorization: its declared ones, and the OAuth app's when it is OAuth 2.0. */
    public static List<CredentialField> effective(AuthorizationSpec authorization) {
        return authorization.oauth2() == null ? authorization.fields() : effective(authorization.fields(), authorization.oauth2());
    }

    /** The effective fields of a profile type: its declared ones, and the OAuth app's when it is OAuth 2.0. */
    public static List<CredentialField> effective(ProfileTypeSpec type) {
        return type.oauth2() == null ? type.fields() : effective(type.fields(), type.oauth2());
    }

    /** {@code values} without the OAuth app's: what a plugin's call receives beside its access token. */
    public static Map<String, String> declaredOnly(Map<String, String> values) {
        Map<String, String> declared = new LinkedHashMap<>(values);
        declared.keySet().removeAll(KEYS);
        return declared;
    }

    /**
     * The scopes chosen in {@code values}: the spec's default set when none are given.
     *
     * @throws HostException (400, naming the {@code scopes} field) when one is not a scope the spec declares
     */
    public static List<String> scopes(Map<String, String> values, OAuth2Spec spec) {
        String chosen = values.get(SCOPES);
        if (chosen == null || chosen.isBlank()) {
            return spec.defaultScopes();
        }
        List<String> names = Arrays.stream(chosen.trim().split("\\s+")).distinct().toList();
        List<String> unknown = names.stream().filter(name -> spec.scope(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw CredentialForm.invalid(Map.of(SCOPES, "names scopes the provider does not offer here: "
                    + String.join(" ", unknown)));
        }
        return names;
    }
}
