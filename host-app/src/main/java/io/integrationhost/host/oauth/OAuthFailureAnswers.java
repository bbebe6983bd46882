package io.integrationhost.host.oauth;

import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a provider's refusal or failure ({@link OAuthFailure}) is answered: a typed {@link HostException} with the
 * provider's error code in {@code providerError} (its message carries no token, code or secret, so neither does this).
 */
public final class OAuthFailureAnswers {

    private OAuthFailureAnswers() {
    }

    /**
     * The answer to a failed code exchange or token fetch: {@code OAUTH_PROVIDER_UNAVAILABLE} (503) when the provider
     * could not be reached, {@code OAUTH_PROVIDER_FAILED} (502) otherwise.
     *
     * @param what what failed, such as "The code exchange with OAuth Fixture"
     */
    public static HostException ofRequest(OAuthFailure failure, String what) {
        if (failure.reason() == OAuthFailure.Reason.UNREACHABLE) {
            return new HostException(FailureKind.OAUTH_PROVIDER_UNAVAILABLE, what + " failed: " + failure.getMessage(),
                    FailureKind.OAUTH_PROVIDER_UNAVAILABLE.defaultRemedy(), details(failure));
        }
        return new HostException(FailureKind.OAUTH_PROVIDER_FAILED, what + " failed: " + failure.getMessage(),
                failure.reason() == OAuthFailure.Reason.CLIENT_REJECTED
                        ? "Check the OAuth app's client id and secret, then try again."
                        : FailureKind.OAUTH_PROVIDER_FAILED.defaultRemedy(), details(failure));
    }

    /**
     * The answer to a refresh the provider refused with {@code invalid_grant}: the authorization is gone.
     *
     * @param remedy who must authorize again, and how
     */
    public static HostException grantRejected(OAuthFailure failure, String what, String remedy) {
        return new HostException(FailureKind.OAUTH_GRANT_REJECTED, what + ": " + failure.getMessage(), remedy, details(failure));
    }

    private static Map<String, Object> details(OAuthFailure failure) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("oauthFailure", failure.reason().name());
        if (failure.errorCode() != null) {
            details.put("providerError", failure.errorCode());
        }
        return details;
    }
}
