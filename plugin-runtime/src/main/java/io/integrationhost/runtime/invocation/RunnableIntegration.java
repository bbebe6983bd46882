package io.integrationhost.runtime.invocation;

import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.Integration;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.runtime.plugins.ActionInputSchemas;
import io.integrationhost.runtime.plugins.InstalledIntegration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the {@link PluginInvoker} needs to call one integration's code, and nothing about where the code came
 * from: a plugin jar the host started, or extension instances a test made itself.
 *
 * @param descriptor the validated descriptor
 * @param code the integration's started code
 * @param profiles the profile-type extensions, by profile type id
 * @param inputSchemas the actions' input schemas, compiled
 * @param pluginId the plugin whose share of the call pool a call takes
 * @param classLoader the class loader the code runs under (its context class loader during a call)
 */
public record RunnableIntegration(IntegrationDescriptor descriptor, Integration code,
                                  Map<String, AuthorizationProfile> profiles, ActionInputSchemas inputSchemas,
                                  String pluginId, ClassLoader classLoader) {

    public RunnableIntegration {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(code, "code");
        profiles = Map.copyOf(profiles);
        Objects.requireNonNull(inputSchemas, "inputSchemas");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(classLoader, "classLoader");
    }

    /** An installed integration whose plugin is started; empty when there is no code to call. */
    public static Optional<RunnableIntegration> of(InstalledIntegration installed) {
        return installed.runnable().map(code -> new RunnableIntegration(installed.descriptor(), code, installed.profiles(),
                installed.inputSchemas(), installed.plugin().pluginId(), code.getClass().getClassLoader()));
    }

    /**
     * Extension instances made outside a plugin jar (a plugin's own tests), running under the class loader that
     * loaded the integration's class; the descriptor's id stands for the plugin id.
     */
    public static RunnableIntegration ofExtensions(IntegrationDescriptor descriptor, Integration code,
                                                   Map<String, AuthorizationProfile> profiles) {
        return new RunnableIntegration(descriptor, code, profiles, ActionInputSchemas.compile(descriptor), descriptor.id(),
                code.getClass().getClassLoader());
    }

    public String id() {
        return descriptor.id();
    }
}
