package io.integrationhost.bamboohr.actions;

import io.integrationhost.api.IntegrationException;
import io.integrationhost.bamboohr.client.BambooHrRequest;
import io.integrationhost.bamboohr.client.BambooHrResponse;

/**
 * One BambooHR action: how its input becomes a request, and how BambooHR's answer becomes its result. Sending,
 * retrying and error mapping are the client's; an action is only these two translations, plus its metadata in
 * {@code integration.json} under the same {@link #id()}.
 */
public interface Action {

    /** The id declared in the descriptor, such as {@code get-employee}. */
    String id();

    /**
     * The request for this input, which the host has already validated against the declared input schema.
     *
     * @throws IntegrationException of kind {@code INVALID_INPUT} for what a schema cannot express
     */
    BambooHrRequest request(ActionInput input) throws IntegrationException;

    /**
     * The result for BambooHR's successful answer: records, lists, maps and scalars, which the integration turns
     * into plain JSON-like values.
     *
     * @throws IntegrationException of kind {@code BAD_RESPONSE} when the answer cannot be read
     */
    Object result(BambooHrResponse response, ActionInput input) throws IntegrationException;
}
