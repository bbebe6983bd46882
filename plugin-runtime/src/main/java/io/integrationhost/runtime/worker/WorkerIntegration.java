package io.integrationhost.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.api.ActionCall;
import io.integrationhost.api.AuthorizationProfile;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.Integration;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.api.metadata.IntegrationDescriptor;
import io.integrationhost.api.metadata.ProfileTypeSpec;
import io.integrationhost.runtime.error.FailureKind;
import io.integrationhost.runtime.error.HostException;
import io.integrationhost.runtime.invocation.PluginInvoker;
import io.integrationhost.runtime.json.Json;
import io.integrationhost.runtime.plugins.PluginCalls;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An integration whose code runs in its worker: each method sends one call, carrying the action, its input, its
 * credentials and its context and nothing else, and gives back what the plugin answered there, as the plugin's own
 * code would have (a value, a typed failure, a connection check).
 */
public final class WorkerIntegration implements Integration, OutOfProcess {

    private final PluginWorker worker;

    public WorkerIntegration(PluginWorker worker) {
        this.worker = worker;
    }

    /** The profile types the descriptor declares, each verified in the worker. */
    public static Map<String, AuthorizationProfile> profiles(PluginWorker worker, IntegrationDescriptor descriptor) {
        Map<String, AuthorizationProfile> profiles = new LinkedHashMap<>();
        for (ProfileTypeSpec type : descriptor.authorizationProfiles()) {
            profiles.put(type.id(), new Profile(worker, type.id()));
        }
        return profiles;
    }

    @Override
    public PluginWorker worker() {
        return worker;
    }

    @Override
    public String integrationId() {
        return worker.integrationId();
    }

    @Override
    public ConnectionCheck testConnection(Credentials credentials, IntegrationContext context) throws IntegrationException {
        return check(worker, worker.integrationId() + "/connection-test", request("testConnection", credentials, context));
    }

    @Override
    public Object execute(ActionCall call) throws IntegrationException {
        ObjectNode request = request("execute", call.credentials(), call.context());
        request.put("actionId", call.actionId());
        request.set("input", Json.asIs(call.input()));
        String what = worker.integrationId() + "/" + call.actionId();
        JsonNode answer = worker.call(what, request);
        return switch (answer.path("type").asText()) {
            case "result" -> answer.path("value");
            case "failed" -> throw failure(answer);
            default -> throw unexpected(what, answer);
        };
    }

    @Override
    public void close() {
        worker.close();
    }

    private static ObjectNode request(String op, Credentials credentials, IntegrationContext context) {
        ObjectNode request = Frames.message("call");
        request.put("op", op);
        request.set("credentials", WireValues.credentials(credentials));
        request.put("correlationId", context.correlationId());
        request.put("timeoutMillis", context.callTimeout().toMillis());
        return request;
    }

    private static ConnectionCheck check(PluginWorker worker, String what, ObjectNode request) throws IntegrationException {
        JsonNode answer = worker.call(what, request);
        return switch (answer.path("type").asText()) {
            case "check" -> answer.path("check").isObject() ? WireValues.check(answer.path("check")) : null;
            case "failed" -> throw failure(answer);
            default -> throw unexpected(what, answer);
        };
    }

    /** The plugin's typed failure, as it threw it; one that carried no error is the plugin's mistake, as in-process. */
    private static IntegrationException failure(JsonNode answer) {
        if (!answer.path("error").isObject()) {
            throw PluginInvoker.noError();
        }
        return new IntegrationException(WireValues.error(answer.path("error")));
    }

    private static HostException unexpected(String what, JsonNode answer) {
        if ("crashed".equals(answer.path("type").asText())) {
            return PluginCalls.failedUnexpectedly(what, answer.path("exception").asText("an unknown exception"));
        }
        return new HostException(FailureKind.PLUGIN_ERROR, "The integration's worker gave an answer the host does not know.",
                "Report this to the plugin's provider.");
    }

    /** A profile type's verification, run in the worker. */
    private record Profile(PluginWorker worker, String profileTypeId) implements AuthorizationProfile, OutOfProcess {

        @Override
        public ConnectionCheck verify(Credentials credentials, IntegrationContext context) throws IntegrationException {
            ObjectNode request = request("verify", credentials, context);
            request.put("profileTypeId", profileTypeId);
            return check(worker, worker.integrationId() + "/verify-" + profileTypeId, request);
        }
    }
}
