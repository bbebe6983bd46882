package io.integrationhost.api.metadata;

/** The credential mechanism an integration or profile type uses. */
public enum AuthorizationType {
    /** HTTP Basic: a user name and a password (or an API key in their place). */
    BASIC,
    /** An API key sent in a header or query parameter. */
    API_KEY,
    /** A static bearer token. */
    BEARER_TOKEN,
    /** OAuth 2.0. */
    OAUTH2,
    /** Anything else; the fields say what is needed. */
    CUSTOM
}
