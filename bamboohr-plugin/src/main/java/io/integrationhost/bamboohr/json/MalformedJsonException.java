package io.integrationhost.bamboohr.json;

/**
 * A JSON answer whose shape could not be read even leniently. The client turns it into a
 * {@code BAD_RESPONSE} error that carries the answer's status and request id.
 */
public final class MalformedJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String what, Throwable cause) {
        super(what, cause);
    }
}
