package io.integrationhost.bamboohr;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.api.ConnectionCheck;
import io.integrationhost.api.Credentials;
import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationContext;
import io.integrationhost.api.IntegrationError;
import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrAccount;
import io.integrationhost.bamboohr.client.BambooHrClient;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection test shared by the integration and its authorization profile: one cheap authenticated read,
 * {@code GET /api/v1/employees/0} (employee 0 is the employee of the API key's user, or of the user who authorized an
 * OAuth 2.0 access token, if it has one), that tells working credentials from refused ones and passes on BambooHR's
 * reason.
 */
final class CredentialCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialCheck.class);
    /** A 404 is an answer: BambooHR accepted the key, whose user has no employee record. */
    static final BambooHrRequest OWN_EMPLOYEE =
            BambooHrRequest.get("employees", "0").withQuery("fields", "firstName,lastName").answeredBy(404);

    private CredentialCheck() {
    }

    /** The outcome; never throws. */
    static ConnectionCheck run(BambooHrClient client, Credentials credentials, IntegrationContext context) {
        try {
            BambooHrAccount account = BambooHrAccount.from(credentials);
            BambooHrResponse response = client.send(OWN_EMPLOYEE, account, context);
            String connected = "Connected to BambooHR company '" + account.subdomain() + "'";
            if (response.status() == 404) {
                return ConnectionCheck.ok(connected + notLinked(account));
            }
            return ConnectionCheck.ok(connected + whoIs(response.json()) + ".");
        } catch (IntegrationException e) {
            return ConnectionCheck.failed(e.error());
        } catch (RuntimeException e) {
            LOG.warn("The BambooHR connection test failed unexpectedly (correlation id {})", context.correlationId(), e);
            return ConnectionCheck.failed(IntegrationError.of(ErrorKind.INTERNAL,
                    "The BambooHR connection test failed unexpectedly."));
        }
    }

    private static String notLinked(BambooHrAccount account) {
        if (account.usesAccessToken()) {
            return ". The access token is accepted, but the user who authorized access has no employee record; actions"
                    + " run with that BambooHR user's permissions.";
        }
        return ". The API key is accepted but not linked to an employee record; "
                + "actions run with the permissions of the BambooHR user it belongs to.";
    }

    private static String whoIs(JsonNode employee) {
        String name = Stream.of("firstName", "lastName").map(employee::path).filter(JsonNode::isTextual)
                .map(JsonNode::asText).filter(text -> !text.isBlank()).collect(Collectors.joining(" "));
        JsonNode id = employee.path("id");
        String number = id.isValueNode() && !id.asText().isBlank() ? "employee " + id.asText() : "";
        if (name.isEmpty() && number.isEmpty()) {
            return "";
        }
        return " as " + (name.isEmpty() ? number : number.isEmpty() ? name : name + " (" + number + ")");
    }
}
