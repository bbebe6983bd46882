package io.integrationhost.api.metadata;

/** How the host obtains an OAuth 2.0 access token. Since 1.3.0. */
public enum OAuth2GrantType {
    /**
     * The authorization code grant (RFC 6749 section 4.1), with PKCE unless switched off: a person consents at the
     * provider and comes back to the host's callback.
     */
    AUTHORIZATION_CODE,
    /** The client credentials grant (RFC 6749 section 4.4): the host fetches a token with the OAuth app's own credentials. */
    CLIENT_CREDENTIALS
}
