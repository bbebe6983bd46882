package io.integrationhost.api.metadata;

/** How a credential field is entered; secret fields are always entered masked whatever their type. */
public enum FieldType {
    TEXT,
    PASSWORD,
    URL,
    EMAIL
}
