package io.integrationhost.api.metadata;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How an integration authorizes.
 *
 * @param type the mechanism
 * @param modes the modes an administrator may choose; at least one
 * @param fields the credential fields, in display order; for {@link AuthorizationType#OAUTH2}, only the integration's own
 *     (the OAuth app's client id, secret and scopes are the host's to ask for)
 * @param oauth2 how tokens are obtained, present exactly when {@code type} is {@link AuthorizationType#OAUTH2};
 *     since 1.3.0
 */
public record AuthorizationSpec(AuthorizationType type, Set<AuthorizationMode> modes, List<CredentialField> fields,
                                OAuth2Spec oauth2) {

    public AuthorizationSpec {
        Objects.requireNonNull(type, "type");
        modes = modes == null || modes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modes));
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** An authorization that is not OAuth 2.0, as in platform API 1.2.0. */
    public AuthorizationSpec(AuthorizationType type, Set<AuthorizationMode> modes, List<CredentialField> fields) {
        this(type, modes, fields, null);
    }

    /** Whether the administrator may choose this mode. */
    public boolean allows(AuthorizationMode mode) {
        return modes.contains(mode);
    }

    /** The field with this key, if declared. */
    public Optional<CredentialField> field(String key) {
        return fields.stream().filter(field -> field.key().equals(key)).findFirst();
    }
}
