package io.integrationhost.bamboohr.client;

import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A company's BambooHR subdomain, {@code acme} for {@code https://acme.bamboohr.com}: the only part of a host
 * name that ever comes from a user, so it is reduced to a bare DNS label before anything else sees it.
 *
 * @param value a lower-case DNS label: letters, digits and hyphens, at most 63 characters
 */
public record Subdomain(String value) {

    /** One DNS label after lower-casing: no dots, slashes, {@code @}, ports, spaces or anything else. */
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9][a-z0-9-]*$");
    private static final int MAX_LENGTH = 63;
    private static final String BAMBOOHR_DOMAIN = ".bamboohr.com";
    private static final String REMEDY =
            "Enter the first part of your BambooHR address, such as 'acme' for https://acme.bamboohr.com/.";

    public Subdomain {
        if (value == null || value.length() > MAX_LENGTH || !LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a subdomain label");
        }
    }

    /**
     * Reduces what a user pasted ({@code acme}, {@code ACME}, {@code acme.bamboohr.com},
     * {@code https://acme.bamboohr.com/home}) to the subdomain.
     *
     * @throws IntegrationException of kind {@link ErrorKind#INVALID_CREDENTIALS} for anything else; the message
     *     does not repeat the value, which may be something secret pasted into the wrong field
     */
    public static Subdomain parse(String pasted) throws IntegrationException {
        if (pasted == null || pasted.isBlank()) {
            throw invalid("The BambooHR company subdomain is missing.");
        }
        String candidate = pasted.strip().toLowerCase(Locale.ROOT);
        if (candidate.startsWith("https://")) {
            candidate = candidate.substring("https://".length());
        } else if (candidate.startsWith("http://")) {
            candidate = candidate.substring("http://".length());
        }
        int endOfHost = indexOfAny(candidate, "/?#");
        if (endOfHost >= 0) {
            candidate = candidate.substring(0, endOfHost);
        }
        if (candidate.endsWith(BAMBOOHR_DOMAIN)) {
            candidate = candidate.substring(0, candidate.length() - BAMBOOHR_DOMAIN.length());
        }
        // Whatever is left must be one label: "evil.com", "a@b", "..", "host:port" and inner spaces all fail here.
        if (candidate.length() > MAX_LENGTH || !LABEL.matcher(candidate).matches()) {
            throw invalid("The BambooHR company subdomain is not valid.");
        }
        return new Subdomain(candidate);
    }

    /** The company's own API host, {@code acme.bamboohr.com}. */
    public String host() {
        return value + BAMBOOHR_DOMAIN;
    }

    @Override
    public String toString() {
        return value;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static IntegrationException invalid(String message) {
        return new IntegrationException(IntegrationError.of(ErrorKind.INVALID_CREDENTIALS, message).withRemedy(REMEDY));
    }
}
