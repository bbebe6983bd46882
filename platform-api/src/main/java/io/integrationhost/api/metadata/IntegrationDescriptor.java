package io.integrationhost.api.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the host shows and enforces about one integration.
 *
 * @param id stable identifier, lower case ({@code acme-crm}); used in URLs and storage
 * @param name display name
 * @param description one or two sentences on what the integration does
 * @param category catalog category, such as {@code HR}
 * @param icon path of an SVG or PNG icon inside the plugin jar
 * @param documentationUrl where a person learns more, or {@code null}
 * @param setupInstructions the administrator's setup steps, in order, as plain text
 * @param authorization how the integration authorizes and which modes it allows
 * @param authorizationProfiles the profile types end users can be asked to fill in
 * @param actions what the integration can do
 */
public record IntegrationDescriptor(String id, String name, String description, String category, String icon,
                                    String documentationUrl, List<String> setupInstructions,
                                    AuthorizationSpec authorization, List<ProfileTypeSpec> authorizationProfiles,
                                    List<ActionSpec> actions) {

    public IntegrationDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authorization, "authorization");
        setupInstructions = setupInstructions == null ? List.of() : List.copyOf(setupInstructions);
        authorizationProfiles = authorizationProfiles == null ? List.of() : List.copyOf(authorizationProfiles);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** The action with this id, if declared. */
    public Optional<ActionSpec> action(String actionId) {
        return actions.stream().filter(action -> action.id().equals(actionId)).findFirst();
    }

    /** The profile type with this id, if declared. */
    public Optional<ProfileTypeSpec> profileType(String profileTypeId) {
        return authorizationProfiles.stream().filter(type -> type.id().equals(profileTypeId)).findFirst();
    }
}
