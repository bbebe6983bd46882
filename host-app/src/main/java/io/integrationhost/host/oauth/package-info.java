/**
 * OAuth 2.0 as the host carries it out for plugins that declare it ({@link io.integrationhost.api.metadata.OAuth2Spec}):
 * endpoints resolved from the descriptor's URL templates ({@link OAuthEndpoints}), the protocol's messages through the
 * Nimbus OAuth 2.0 SDK ({@link OAuthClient}), and the stored tokens, refreshed at most once across host instances
 * ({@link OAuthTokens}).
 */
package io.integrationhost.host.oauth;
