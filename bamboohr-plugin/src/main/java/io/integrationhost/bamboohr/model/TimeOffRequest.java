package io.integrationhost.bamboohr.model;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A time-off request.
 *
 * @param id the request's id
 * @param employeeId whose request it is
 * @param name the employee's name
 * @param start first day, {@code YYYY-MM-DD}
 * @param end last day, {@code YYYY-MM-DD}
 * @param created the day it was made, {@code YYYY-MM-DD}
 * @param status its current status and who changed it last
 * @param type the time-off type
 * @param amount how much time it takes
 * @param actions what the API key's user may do with it
 * @param dates the amount per day, keyed by {@code YYYY-MM-DD}
 * @param notes the employee's and the manager's notes
 */
public record TimeOffRequest(String id, String employeeId, String name, String start, String end, String created,
                             Status status, Type type, Amount amount, Actions actions, Map<String, BigDecimal> dates,
                             Notes notes) {

    /** The status of a request: {@code requested}, {@code approved}, {@code denied}, {@code canceled}, {@code superceded}. */
    public record Status(String status, String lastChanged, String lastChangedByUserId) {
    }

    /** The time-off type of a request. */
    public record Type(String id, String name, String icon) {
    }

    /** An amount of time off in {@code hours} or {@code days}. */
    public record Amount(String unit, BigDecimal amount) {
    }

    /** What the API key's user may do with a request. */
    public record Actions(Boolean view, Boolean edit, Boolean cancel, Boolean approve, Boolean deny, Boolean bypass) {
    }

    /** The notes on a request. */
    public record Notes(String employee, String manager) {
    }
}
