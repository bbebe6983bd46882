package io.integrationhost.runtime.error;

/** The one-time link an end user authorizes with, carried by an {@code AUTHORIZATION_REQUIRED} failure. */
public record AuthorizationLink(String userId, String url, String expiresAt) {
}
