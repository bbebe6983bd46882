package io.integrationhost.testkit;

import io.integrationhost.api.PlatformApi;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.runtime.invocation.RunnableIntegration;
import io.integrationhost.runtime.plugins.DescriptorReader;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plugin's descriptor read from a test class path, by the host's own {@link DescriptorReader} (the platform's
 * JSON Schema and the descriptor's rules), and the host's check that extension instances implement it.
 */
public final class ClassPathDescriptor {

    private ClassPathDescriptor() {
    }

    /**
     * The {@code integration.json} that {@code loader} finds, as the host reads it from a jar.
     *
     * @throws AssertionError when the host would refuse it, listing every violation
     */
    public static IntegrationDescriptor read(ClassLoader loader) {
        DescriptorReader.Result read = new DescriptorReader().read(loader::getResource);
        if (!read.valid()) {
            throw new AssertionError("The host would refuse the " + PlatformApi.DESCRIPTOR_RESOURCE + " on the class path:\n"
                    + read.violations().stream().map(violation -> "  " + violation).collect(Collectors.joining("\n")));
        }
        return read.descriptor();
    }

    /**
     * Fails unless the extensions are the ones the host would find for the descriptor: the integration's id is the
     * descriptor's, and each declared profile type has its profile, under its own id.
     */
    static void requireImplemented(RunnableIntegration extensions) {
        IntegrationDescriptor descriptor = extensions.descriptor();
        if (!descriptor.id().equals(extensions.code().integrationId())) {
            throw new AssertionError("The integration's integrationId() is '" + extensions.code().integrationId()
                    + "', but the descriptor's id is '" + descriptor.id() + "'.");
        }
        List<String> declared = descriptor.authorizationProfiles().stream().map(ProfileTypeSpec::id).toList();
        extensions.profiles().forEach((typeId, profile) -> {
            if (!typeId.equals(profile.profileTypeId()) || !declared.contains(typeId)) {
                throw new AssertionError("The profile given as '" + typeId + "' has profileTypeId() '"
                        + profile.profileTypeId() + "'; the descriptor declares the profile types " + declared + ".");
            }
        });
        declared.stream().filter(typeId -> !extensions.profiles().containsKey(typeId)).findFirst().ifPresent(typeId -> {
            throw new AssertionError("The descriptor declares the authorization profile type '" + typeId
                    + "' but no AuthorizationProfile was given with that profileTypeId().");
        });
    }
}
