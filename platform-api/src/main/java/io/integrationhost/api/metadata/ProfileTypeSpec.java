package io.integrationhost.api.metadata;

import java.util.List;
import java.util.Objects;

/**
 * A kind of authorization profile an administrator can create, implemented by an
 * {@link io.integrationhost.api.AuthorizationProfile} extension with the same id.
 *
 * <p>A profile of this type can serve an integration whose authorization has the same {@link #type()}
 * and whose required fields this type's fields include.
 *
 * @param id stable identifier, equal to the extension's {@code profileTypeId()}
 * @param name display name, such as "Acme CRM API key (Basic Auth)"
 * @param description what an end user will be asked for
 * @param type the mechanism
 * @param fields the fields; an administrator may preset some, end users fill in the rest. For
 *     {@link AuthorizationType#OAUTH2}, only the type's own: the OAuth app (client id, secret, scopes) is the host's to
 *     ask the administrator for, and an end user consents at the provider
 * @param oauth2 how tokens are obtained, present exactly when {@code type} is {@link AuthorizationType#OAUTH2};
 *     since 1.3.0
 */
public record ProfileTypeSpec(String id, String name, String description, AuthorizationType type,
                              List<CredentialField> fields, OAuth2Spec oauth2) {

    public ProfileTypeSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** A profile type that is not OAuth 2.0, as in platform API 1.2.0. */
    public ProfileTypeSpec(String id, String name, String description, AuthorizationType type,
                           List<CredentialField> fields) {
        this(id, name, description, type, fields, null);
    }
}
