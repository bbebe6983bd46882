package io.integrationhost.testkit;

import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the plugin's code threw on the harness's last call: the invoker reports it here, so that a failed call's
 * outcome or assertion error carries the plugin's own stack trace for the developer.
 */
final class PluginCrashes implements Consumer<Throwable> {

    private final AtomicReference<Throwable> last = new AtomicReference<>();

    /** Called by the invoker with what the plugin threw. */
    @Override
    public void accept(Throwable thrown) {
        last.set(thrown);
    }

    /** Forgets the previous call's crash; called before each call. */
    void forget() {
        last.set(null);
    }

    /** What the plugin threw on the last call, or null when it threw nothing. */
    Throwable last() {
        return last.get();
    }

    /**
     * Runs a connection test or verification; a call that did not answer becomes an assertion error with the crash as
     * its cause, and one that returned no {@link ConnectionCheck} says so.
     */
    ConnectionCheck answerOf(String what, String integrationId, Supplier<ConnectionCheck> check) {
        forget();
        try {
            return check.get();
        } catch (HostException e) {
            if (e.failureKind() == FailureKind.PLUGIN_ERROR && last() == null) {
                throw new AssertionError(what + " of " + integrationId + " returned no ConnectionCheck; the host treats "
                        + "that as a plugin error.");
            }
            throw new AssertionError(what + " of " + integrationId + " did not answer: " + e.getMessage(), last());
        }
    }
}
