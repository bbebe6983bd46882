package io.integrationhost.runtime.plugins;

/** Turns a failure inside PF4J or a plugin into one sentence for a person: no stack trace, the root cause named. */
final class PluginFailures {

    private PluginFailures() {
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "Unknown failure.";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        String type = root.getClass().getSimpleName();
        if (root == failure) {
            return message.isEmpty() ? type : message;
        }
        String outer = failure.getMessage() == null ? "" : failure.getMessage().strip();
        String detail = message.isEmpty() ? type : type + ": " + message;
        return outer.isEmpty() || outer.contains(message) ? detail : outer + " (" + detail + ")";
    }
}
