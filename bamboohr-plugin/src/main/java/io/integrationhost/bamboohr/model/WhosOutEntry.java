package io.integrationhost.bamboohr.model;

/**
 * One entry of the who's-out calendar: an approved absence or a company holiday.
 *
 * @param id the time-off request's or the holiday's id
 * @param type {@code timeOff} or {@code holiday}
 * @param employeeId whose absence it is; {@code null} for holidays
 * @param name the employee's or the holiday's name
 * @param start first day, {@code YYYY-MM-DD}
 * @param end last day, {@code YYYY-MM-DD}
 */
public record WhosOutEntry(String id, String type, String employeeId, String name, String start, String end) {
}
