package io.integrationhost.bamboohr.model;

/**
 * A field an employee record can have, standard or custom.
 *
 * @param id its id: a number for top-level fields, a dotted string such as {@code 4340.4} for sub-fields
 * @param name its display name
 * @param type its data type, such as {@code text}, {@code date} or {@code list}
 * @param alias the name to use in requests, when it has one
 * @param deprecated whether it should no longer be used; {@code null} when BambooHR does not say
 */
public record EmployeeField(String id, String name, String type, String alias, Boolean deprecated) {
}
