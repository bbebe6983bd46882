package io.integrationhost.bamboohr.model;

/**
 * A column of the employee directory: a key that appears in its employee records.
 *
 * @param id the key
 * @param type its data type, such as {@code text}, {@code email} or {@code bool}
 * @param name its display name
 */
public record DirectoryField(String id, String type, String name) {
}
