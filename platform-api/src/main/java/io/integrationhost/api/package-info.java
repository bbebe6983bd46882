/**
 * The contract between the integration host and its plugins.
 *
 * <p>A plugin implements {@link io.integrationhost.api.Integration} (its actions and connection test)
 * and {@link io.integrationhost.api.AuthorizationProfile} (the credential mechanisms end users can be
 * asked for), and ships its metadata as data: a JSON descriptor at {@value
 * io.integrationhost.api.PlatformApi#DESCRIPTOR_RESOURCE} inside the jar, validated by the host against
 * {@value io.integrationhost.api.PlatformApi#DESCRIPTOR_SCHEMA_RESOURCE}. The metadata model is in
 * {@link io.integrationhost.api.metadata}.
 *
 * <p>Everything that crosses the boundary is either a type of this package, a JDK type, or PF4J's
 * {@code ExtensionPoint}: a plugin never receives host internals, and never stores credentials.
 */
package io.integrationhost.api;
