package io.integrationhost.host.profiles;

import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.runtime.invocation.PluginInvoker;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import io.integrationhost.runtime.plugins.PluginRuntime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The profile types the installed plugins' {@code AuthorizationProfile} extensions offer: which exist, which can run,
 * which plugin a profile's type is, and which types an integration accepts.
 */
public final class ProfileTypes {

    private final PluginRuntime plugins;

    public ProfileTypes(PluginRuntime plugins) {
        this.plugins = plugins;
    }

    /**
     * Every profile type offered by a plugin whose code runs, by id: the types profiles can be created
     * from and integrations can use. Of several plugins that declare one id, the one with the lowest plugin id
     * offers it; a profile, once created, stays of its own plugin's type (see {@link #declaredType(AuthorizationProfileRecord)}).
     */
    public Map<String, ProfileType> types() {
        return declaredTypes(true);
    }

    public Optional<ProfileType> type(String typeId) {
        return Optional.ofNullable(types().get(typeId));
    }

    /** The type as an installed plugin declares it, whether or not that plugin's code runs: enough to read its fields. */
    public Optional<ProfileType> declaredType(String typeId) {
        return Optional.ofNullable(declaredTypes(false).get(typeId));
    }

    /** The type, if a plugin whose code runs offers it; otherwise a refusal that says why not. */
    public ProfileType usableType(String typeId) {
        return type(typeId).orElseThrow(() -> declaredType(typeId).map(ProfileTypes::cannotRun)
                .orElseGet(() -> HostException.badRequest("No installed plugin offers the profile type '" + typeId + "'.",
                        "Use one of " + types().keySet() + ".")));
    }

    /**
     * The profile's type as the plugin it was created with declares it, whether or not that plugin's code runs; empty
     * when that plugin is not installed. Another plugin that declares a type of the same id never gets the profile's
     * presets or its end users' values to verify.
     */
    public Optional<ProfileType> declaredType(AuthorizationProfileRecord profile) {
        return declaredType(profile.pluginId(), profile.profileType());
    }

    /** The type {@code profileTypeId} as plugin {@code pluginId} declares it; empty when that plugin is not installed. */
    public Optional<ProfileType> declaredType(String pluginId, String profileTypeId) {
        return plugins.snapshot().integrations().values().stream()
                .filter(installed -> installed.plugin().pluginId().equals(pluginId))
                .flatMap(installed -> installed.descriptor().authorizationProfiles().stream()
                        .filter(spec -> spec.id().equals(profileTypeId))
                        .map(spec -> new ProfileType(spec, installed)))
                .findFirst();
    }

    /** The profile's type, if the plugin it was created with runs; otherwise a refusal that says why not. */
    public ProfileType usableType(AuthorizationProfileRecord profile) {
        ProfileType type = declaredType(profile).orElseThrow(() -> notInstalled(profile));
        if (type.provider().runnable().isEmpty()) {
            throw cannotRun(type);
        }
        return type;
    }

    private static HostException cannotRun(ProfileType declared) {
        return new HostException(FailureKind.PROFILE_TYPE_UNAVAILABLE, "The profile type '" + declared.id() + "' is offered by '"
                + declared.provider().id() + "', which cannot run: " + PluginInvoker.whyNotRunnable(declared.provider()) + ".",
                "Fix or reinstall that plugin on the Plugins page, then try again.",
                Map.<String, Object>of("providedBy", declared.provider().id()));
    }

    /** Why a profile's values go to no plugin: the plugin it was created with is not installed, or it has none. */
    static HostException notInstalled(AuthorizationProfileRecord profile) {
        if (profile.pluginId() == null) {
            return new HostException(FailureKind.PROFILE_TYPE_UNAVAILABLE, "The profile '" + profile.name() + "' was stored before"
                    + " profiles had an owner, and no single installed plugin offered its type '" + profile.profileType()
                    + "' when the host started or a plugin was installed since: its values go to none.",
                    "Remove the jar you do not trust from the plugins folder and restart the host, or create a new profile"
                    + " of this type.");
        }
        return new HostException(FailureKind.PROFILE_TYPE_UNAVAILABLE, "The profile '" + profile.name() + "' is of the type '"
                + profile.profileType() + "' of plugin '" + profile.pluginId() + "', which is not installed here: its values go"
                + " to no other plugin.", "Install plugin '" + profile.pluginId() + "' again, or create a new profile of a type"
                + " an installed plugin offers.", Map.of("providedBy", profile.pluginId()));
    }

    private Map<String, ProfileType> declaredTypes(boolean runnableOnly) {
        Map<String, ProfileType> types = new LinkedHashMap<>();
        List<InstalledIntegration> byPluginId = plugins.snapshot().integrations().values().stream()
                .sorted(Comparator.comparing(installed -> installed.plugin().pluginId())).toList();
        for (InstalledIntegration installed : byPluginId) {
            if (runnableOnly && installed.runnable().isEmpty()) {
                continue;
            }
            for (ProfileTypeSpec spec : installed.descriptor().authorizationProfiles()) {
                types.putIfAbsent(spec.id(), new ProfileType(spec, installed));
            }
        }
        return types;
    }

    /**
     * Whether a profile of {@code typeId} can serve {@code descriptor}: a type the integration's own plugin declares
     * for it, whatever its mechanism (a Basic integration may offer an OAuth 2.0 profile type); or another
     * plugin's type of the same authorization mechanism, every field the integration requires among its fields.
     */
    public boolean accepts(IntegrationDescriptor descriptor, String typeId) {
        return type(typeId).map(type -> accepts(descriptor, type)).orElse(false);
    }

    public boolean accepts(IntegrationDescriptor descriptor, ProfileType type) {
        if (declaresOwn(descriptor, type)) {
            return true;
        }
        Set<String> keys = type.spec().fields().stream().map(CredentialField::key).collect(Collectors.toSet());
        return type.spec().type() == descriptor.authorization().type()
                && descriptor.authorization().fields().stream().filter(CredentialField::required)
                .allMatch(field -> keys.contains(field.key()));
    }

    /**
     * Whether {@code type} is one the plugin installed for {@code descriptor}'s integration declares itself: the same
     * plugin, not another that copies its descriptor.
     */
    private boolean declaresOwn(IntegrationDescriptor descriptor, ProfileType type) {
        return descriptor.authorizationProfiles().stream().anyMatch(spec -> spec.id().equals(type.id()))
                && plugins.snapshot().integration(descriptor.id())
                .filter(installed -> installed.plugin().pluginId().equals(type.provider().plugin().pluginId()))
                .isPresent();
    }

    /** The ids of the profile types {@code descriptor} accepts. */
    public List<String> acceptedTypes(IntegrationDescriptor descriptor) {
        return types().keySet().stream().filter(typeId -> accepts(descriptor, typeId)).toList();
    }
}
