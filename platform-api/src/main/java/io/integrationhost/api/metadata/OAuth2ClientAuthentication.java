package io.integrationhost.api.metadata;

/** How the host authenticates the OAuth app at the token endpoint (RFC 6749 section 2.3.1). Since 1.3.0. */
public enum OAuth2ClientAuthentication {
    /** The client id and secret in an HTTP Basic {@code Authorization} header: the default. */
    CLIENT_SECRET_BASIC,
    /** The client id and secret as {@code client_id} and {@code client_secret} in the request body. */
    CLIENT_SECRET_POST
}
