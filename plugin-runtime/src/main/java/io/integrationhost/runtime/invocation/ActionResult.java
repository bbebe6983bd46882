package io.integrationhost.runtime.invocation;

import io.integrationhost.api.IntegrationError;
import java.util.Objects;

/** How an action the plugin ran ended: a result, or the plugin's typed failure. */
public sealed interface ActionResult {

    /** The plugin returned {@code value} (JSON-like data, as the contract asks; may be {@code null}). */
    record Returned(Object value) implements ActionResult {
    }

    /** The plugin failed with a typed error, as it should for every expected failure. */
    record Failed(IntegrationError error) implements ActionResult {

        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
