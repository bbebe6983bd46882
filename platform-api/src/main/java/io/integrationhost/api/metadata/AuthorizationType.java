package io.integrationhost.api.metadata;

/** The credential mechanism an integration or profile type uses. */
public enum AuthorizationType {
    /** HTTP Basic: a user name and a password (or an API key in their place). */
    BASIC,
    /** An API key sent in a header or query parameter. */
    API_KEY,
    /** A static bearer token. */
    BEARER_TOKEN,
    /**
     * OAuth 2.0: the host carries out the flows its {@link OAuth2Spec} declares and hands each call an access token.
     * Before 1.3.0 it was only a label.
     */
    OAUTH2,
    /** Anything else; the fields say what is needed. */
    CUSTOM
}
