package io.integrationhost.bamboohr.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.bamboohr.json.LenientJson;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Employee records, whose fields depend on each company's configuration and on what the API key may see, read as
 * open maps: {@code id} as a string and the known yes/no fields as booleans.
 */
final class EmployeeRecords {

    /** Fields BambooHR sends as {@code 1}/{@code 0}. */
    private static final Set<String> FLAGS = Set.of("canUploadPhoto");

    private EmployeeRecords() {
    }

    static Map<String, Object> one(JsonNode employee) {
        return LenientJson.readRecord(employee, "id", FLAGS);
    }

    static List<Map<String, Object>> all(JsonNode employees) {
        return LenientJson.readRecords(employees, "id", FLAGS);
    }
}
