package io.integrationhost.bamboohr;

import io.integrationhost.api.ActionCall;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.Integration;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.actions.Action;
import io.integrationhost.bamboohr.actions.ActionCatalog;
import io.integrationhost.bamboohr.actions.ActionInput;
import io.integrationhost.bamboohr.client.BambooHrAccount;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import io.integrationhost.bamboohr.client.ClientSettings;
import io.integrationhost.bamboohr.client.ErrorMapper;
import io.integrationhost.bamboohr.json.LenientJson;
import io.integrationhost.bamboohr.json.MalformedJsonException;
import org.pf4j.Extension;

/**
 * The BambooHR integration: runs the actions of the {@link ActionCatalog} over one pooled {@link BambooHrClient}
 * and tests connections with {@link CredentialCheck}. Thread-safe; holds no credentials between calls.
 */
@Extension
public final class BambooHrIntegration implements Integration {

    /** The descriptor's id. */
    public static final String ID = "bamboohr";

    private final BambooHrClient client;
    private final ActionCatalog actions;

    /** The integration as the host creates it: default time-outs and retries, every action. */
    public BambooHrIntegration() {
        this(BambooHrClient.create(ClientSettings.DEFAULT), ActionCatalog.bambooHr());
    }

    /** An integration over a given client, which it closes in {@link #close()}. */
    public BambooHrIntegration(BambooHrClient client, ActionCatalog actions) {
        this.client = client;
        this.actions = actions;
    }

    @Override
    public String integrationId() {
        return ID;
    }

    @Override
    public ConnectionCheck testConnection(Credentials credentials, IntegrationContext context) {
        return CredentialCheck.run(client, credentials, context);
    }

    @Override
    public Object execute(ActionCall call) throws IntegrationException {
        Action action = actions.find(call.actionId()).orElseThrow(() -> new IntegrationException(IntegrationError.of(
                ErrorKind.NOT_FOUND, "The BambooHR integration has no action '" + call.actionId() + "'.")));
        ActionInput input = new ActionInput(call.input());
        BambooHrAccount account = BambooHrAccount.from(call.credentials());
        BambooHrResponse response = client.send(action.request(input), account, call.context());
        try {
            return LenientJson.toPlain(action.result(response, input));
        } catch (MalformedJsonException e) {
            throw new IntegrationException(ErrorMapper.badResponse(response, "JSON of an unexpected shape: "
                    + e.getMessage()));
        }
    }

    /** The actions this integration runs. */
    public ActionCatalog actions() {
        return actions;
    }

    @Override
    public void close() {
        client.close();
    }
}
