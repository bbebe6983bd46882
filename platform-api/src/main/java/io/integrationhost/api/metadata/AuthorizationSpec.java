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
 * @param fields the credential fields, in display order
 */
public record AuthorizationSpec(AuthorizationType type, Set<AuthorizationMode> modes, List<CredentialField> fields) {

    public AuthorizationSpec {
        Objects.requireNonNull(type, "type");
        modes = modes == null || modes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modes));
        fields = fields == null ? List.of() : List.copyOf(fields);
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
