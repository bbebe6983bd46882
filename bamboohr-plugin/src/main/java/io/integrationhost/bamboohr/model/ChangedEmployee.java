package io.integrationhost.bamboohr.model;

/**
 * An employee whose record changed.
 *
 * @param id the employee's id
 * @param action {@code Inserted}, {@code Updated} or {@code Deleted}
 * @param lastChanged when it last changed, ISO 8601
 */
public record ChangedEmployee(String id, String action, String lastChanged) {
}
