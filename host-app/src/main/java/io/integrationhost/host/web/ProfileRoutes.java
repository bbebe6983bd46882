package io.integrationhost.host.web;

import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.AuthorizationType;
import io.integrationhost.host.profiles.AuthorizationProfileRecord;
import io.integrationhost.host.profiles.AuthorizationProfiles;
import io.integrationhost.host.profiles.ProfileType;
import io.integrationhost.runtime.error.UpstreamErrors;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Authorization profiles and the profile types the installed plugins offer. */
final class ProfileRoutes {

    private final AuthorizationProfiles profiles;
    private final Supplier<URI> callbackUrl;

    /** @param callbackUrl the OAuth 2.0 callback's URL, which an administrator copies into the OAuth app */
    ProfileRoutes(AuthorizationProfiles profiles, Supplier<URI> callbackUrl) {
        this.profiles = profiles;
        this.callbackUrl = callbackUrl;
    }

    /**
     * @param endUserAuthorizationsRemoved in an update's answer: how many end users' authorizations the
     *     change of presets removed
     * @param notice in an update's answer, when authorizations were removed: what that means for the users
     */
    record ProfileJson(String id, String name, String type, String description, Map<String, String> presets,
                       List<String> usedBy, Instant createdAt, Instant updatedAt, Integer endUserAuthorizationsRemoved,
                       String notice) {
    }

    /**
     * @param fields the fields a profile of the type is made of: for OAuth 2.0 the declared ones and the OAuth app's
     * @param oauth2 for an OAuth 2.0 type, what it offers and where the provider sends end users back; else absent
     */
    record ProfileTypeJson(String id, String name, String description, AuthorizationType authorizationType,
                           List<CredentialField> fields, String providedBy, OAuth2Json oauth2) {
    }

    /**
     * The body of {@code POST /api/authorization-profiles}: presets are the values every end user shares.
     *
     * @param presetSecrets {@code true} to preset a field the plugin leaves to each end user (a secret they then share)
     */
    record ProfileCreation(String name, String type, String description, Map<String, Object> presets, Boolean presetSecrets) {
    }

    /** The body of {@code PUT /api/authorization-profiles/{id}}: an absent member is left as it is. */
    record ProfileChange(String name, String description, Map<String, Object> presets, Boolean presetSecrets) {
    }

    /** The body of {@code POST /api/authorization-profiles/{id}/test}: the values an end user would enter. */
    record ProfileTest(Map<String, Object> values) {
    }

    void register(Javalin app) {
        app.get("/api/authorization-profile-types", ctx -> ctx.json(profiles.types().values().stream().map(this::type).toList()));
        app.get("/api/authorization-profiles", ctx -> ctx.json(profiles.all().stream().map(this::json).toList()));
        app.get("/api/authorization-profiles/{id}", ctx -> ctx.json(json(profiles.find(ctx.pathParam("id")))));
        app.post("/api/authorization-profiles", ctx -> {
            ProfileCreation body = Bodies.read(ctx, ProfileCreation.class);
            AuthorizationProfileRecord created = profiles.create(body.name(), body.type(), body.description(), body.presets(),
                    Boolean.TRUE.equals(body.presetSecrets()));
            ctx.status(201).header("Location", "/api/authorization-profiles/" + created.id()).json(json(created));
        });
        app.put("/api/authorization-profiles/{id}", ctx -> {
            ProfileChange body = Bodies.read(ctx, ProfileChange.class);
            ctx.json(updated(profiles.update(ctx.pathParam("id"), body.name(), body.description(), body.presets(),
                    Boolean.TRUE.equals(body.presetSecrets()))));
        });
        app.delete("/api/authorization-profiles/{id}", ctx -> {
            profiles.delete(ctx.pathParam("id"));
            ctx.status(204);
        });
        app.post("/api/authorization-profiles/{id}/test", this::test);
    }

    private void test(Context ctx) {
        Map<String, Object> values = Bodies.read(ctx, ProfileTest.class).values();
        ConnectionCheck check = profiles.test(ctx.pathParam("id"), values == null ? Map.of() : values);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("successful", check.successful());
        answer.put("message", check.message());
        if (check.error() != null) {
            answer.put("kind", check.error().kind().name());
            answer.putAll(UpstreamErrors.details(check.error()));
        }
        ctx.json(answer);
    }

    private ProfileJson json(AuthorizationProfileRecord profile) {
        return json(profile, null, null);
    }

    private ProfileJson updated(AuthorizationProfiles.Updated updated) {
        int removed = updated.removedAuthorizations();
        return json(updated.profile(), removed, removed == 0 ? null : "The presets changed, so "
                + (removed == 1 ? "1 end-user authorization made with the old ones was" : removed
                + " end-user authorizations made with the old ones were") + " removed. Those users are asked to"
                + " authorize again, through a new link, on their next call.");
    }

    private ProfileJson json(AuthorizationProfileRecord profile, Integer removed, String notice) {
        return new ProfileJson(profile.id(), profile.name(), profile.profileType(), profile.description(),
                profiles.maskedPresets(profile), profiles.usedBy(profile.id()), profile.createdAt(), profile.updatedAt(),
                removed, notice);
    }

    private ProfileTypeJson type(ProfileType type) {
        return new ProfileTypeJson(type.id(), type.spec().name(), type.spec().description(), type.spec().type(),
                type.effectiveFields(), type.provider().id(), OAuth2Json.of(type.spec().oauth2(), callbackUrl.get()));
    }
}
