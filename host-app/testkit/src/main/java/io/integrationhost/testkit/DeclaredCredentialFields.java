package io.integrationhost.testkit;

import io.integrationhost.api.metadata.CredentialField;
import io.integrationhost.runtime.credentials.CredentialForm;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.error.Violation;
import io.integrationhost.runtime.invocation.PluginInvoker;
import java.util.List;
import java.util.Map;

/**
 * Credential values checked against the fields a descriptor declares, by the host's own check, and put in the words a
 * test reads: a list of violations, or the values the plugin would receive.
 */
final class DeclaredCredentialFields {

    private final List<CredentialField> fields;

    DeclaredCredentialFields(List<CredentialField> fields) {
        this.fields = List.copyOf(fields);
    }

    /** Every way {@code values} break the fields, as {@code "field: message"}; empty when the host would accept them. */
    List<String> violations(Map<String, ?> values) {
        try {
            PluginInvoker.checkedCredentials(fields, values);
            return List.of();
        } catch (HostException e) {
            return e.violations().isEmpty() ? List.of(e.getMessage())
                    : e.violations().stream().map(Violation::describe).toList();
        }
    }

    /** The values as the plugin receives them once the host accepted them (trimmed), or an assertion error saying why not. */
    CredentialForm.Values accepted(Map<String, String> values) {
        try {
            return PluginInvoker.checkedCredentials(fields, values);
        } catch (HostException e) {
            throw new AssertionError("The host would refuse these credential values before calling the plugin: "
                    + violations(values) + ". Pass values for the declared fields "
                    + fields.stream().map(CredentialField::key).toList() + " (PluginHarness.Builder.credentials sets the default).");
        }
    }
}
