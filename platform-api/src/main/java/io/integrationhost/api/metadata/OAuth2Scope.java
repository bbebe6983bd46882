package io.integrationhost.api.metadata;

import java.util.Objects;

/**
 * One scope an OAuth 2.0 provider grants. Since 1.3.0.
 *
 * @param name the scope as the provider spells it, such as {@code employee:read}
 * @param description what it lets the integration do, for the administrator who chooses the scopes
 * @param byDefault whether it is chosen unless the administrator chooses otherwise
 */
public record OAuth2Scope(String name, String description, boolean byDefault) {

    public OAuth2Scope {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
