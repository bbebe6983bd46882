package io.integrationhost.api.metadata;

/** Whose credentials an integration's calls use. */
public enum AuthorizationMode {
    /** An administrator enters credentials once, at configuration time; every call uses them. */
    PRE_AUTHORIZED,
    /** Each end user authorizes with their own credentials, through an authorization profile. */
    USER_AUTHORIZED
}
