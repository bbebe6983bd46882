package io.integrationhost.runtime.error;

/** What the remote system said, as far as the plugin reported it: its HTTP status, its own words, its request id. */
public record Upstream(Integer status, String detail, String requestId) {

    /** True when the remote system said nothing the answer could carry. */
    public boolean isEmpty() {
        return status == null && detail == null && requestId == null;
    }
}
