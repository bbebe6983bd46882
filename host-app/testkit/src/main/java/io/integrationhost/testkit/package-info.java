/**
 * The plugin test kit: what a plugin project adds as one test-scoped dependency to check and run its
 * built jar the way the host does.
 *
 * <ul>
 *   <li>{@link io.integrationhost.testkit.PluginContract}: every rule of the platform's contract, checked
 *       on the jar, every violation listed ({@link io.integrationhost.testkit.ContractRule}).</li>
 *   <li>{@link io.integrationhost.testkit.PluginHarness}: an in-process host that loads the jar with the
 *       host's own plugin runtime and runs its connection test, profile verifications and actions, each
 *       ending in an {@link io.integrationhost.testkit.ActionOutcome}; an OAuth 2.0 plugin's with an access
 *       token.</li>
 *   <li>{@link io.integrationhost.testkit.RemoteApiStub}: the remote API on loopback (WireMock).</li>
 *   <li>{@link io.integrationhost.testkit.OpenApiMock}: the remote API as its vendor's OpenAPI description
 *       says it is (Stoplight Prism), which checks every request the plugin sends against it.</li>
 *   <li>{@link io.integrationhost.testkit.BuiltPluginJar}: the jar the project's build packaged.</li>
 * </ul>
 *
 * <p>The kit's jar also generates new plugin projects ({@link io.integrationhost.testkit.template}).
 */
package io.integrationhost.testkit;
