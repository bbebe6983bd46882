package io.integrationhost.bamboohr.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhost.bamboohr.model.ChangedEmployee;
import io.integrationhost.bamboohr.model.DefaultHours;
import io.integrationhost.bamboohr.model.EmployeeField;
import io.integrationhost.bamboohr.model.TimeOffRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BambooHR's JSON is read as sent: ids and amounts as strings or numbers, flags as 1/0, objects keyed by id. */
class LenientJsonTest {

    @Test
    void idsAreStringsWhetherSentAsStringsOrNumbers() throws IOException {
        List<EmployeeField> fields = LenientJson.readList(json("[{\"id\":8},{\"id\":\"4340.4\"},{\"id\":null}]"),
                "id", EmployeeField.class);

        assertThat(fields).extracting(EmployeeField::id).containsExactly("8", "4340.4", null);
    }

    @Test
    void amountsAreDecimalsWhetherSentAsStringsOrNumbers() throws IOException {
        List<DefaultHours> hours = LenientJson.readList(json("[{\"amount\":\"8\"},{\"amount\":7.5},{\"amount\":\"\"}]"),
                "name", DefaultHours.class);

        assertThat(hours).extracting(DefaultHours::amount).containsExactly(new BigDecimal("8"), new BigDecimal("7.5"), null);
    }

    @Test
    void flagsAreBooleansWhetherSentAsBooleansNumbersOrStrings() throws IOException {
        List<EmployeeField> fields = LenientJson.readList(json("[{\"deprecated\":1},{\"deprecated\":0},"
                + "{\"deprecated\":\"1\"},{\"deprecated\":\"false\"},{\"deprecated\":true},{\"deprecated\":null},{}]"),
                "id", EmployeeField.class);

        assertThat(fields).extracting(EmployeeField::deprecated)
                .containsExactly(true, false, true, false, true, null, null);
    }

    @Test
    void aFlagThatIsNoFlagIsMalformed() {
        assertThatThrownBy(() -> LenientJson.readList(json("[{\"deprecated\":\"perhaps\"}]"), "id", EmployeeField.class))
                .isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void anEmptyObjectSentAsAnEmptyArrayIsNull() throws IOException {
        TimeOffRequest request = LenientJson.read(json("{\"id\":\"1\",\"notes\":[],\"dates\":[],\"actions\":[]}"),
                TimeOffRequest.class);

        assertThat(request.notes()).isNull();
        assertThat(request.dates()).isNull();
        assertThat(request.actions()).isNull();
    }

    @Test
    void anObjectKeyedByIdIsReadAsAListAndMembersWithoutAnIdGetTheirKey() throws IOException {
        List<ChangedEmployee> changed = LenientJson.readList(json("{\"4\":{\"id\":\"4\",\"action\":\"Updated\"},"
                + "\"7\":{\"action\":\"Deleted\"}}"), "id", ChangedEmployee.class);

        assertThat(changed).containsExactly(new ChangedEmployee("4", "Updated", null), new ChangedEmployee("7", "Deleted", null));
    }

    @Test
    void aMissingOrNullCollectionIsEmpty() {
        assertThat(LenientJson.readList(null, "id", ChangedEmployee.class)).isEmpty();
        assertThat(LenientJson.readList(com.fasterxml.jackson.databind.node.NullNode.getInstance(), "id",
                ChangedEmployee.class)).isEmpty();
    }

    @Test
    void openRecordsKeepTheirFieldsWithTheIdAsStringAndFlagsAsBooleans() throws IOException {
        Map<String, Object> record = LenientJson.readRecord(
                json("{\"id\":4,\"canUploadPhoto\":\"0\",\"workEmail\":null,\"customLevel\":3}"), "id", Set.of("canUploadPhoto"));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "4");
        expected.put("canUploadPhoto", false);
        expected.put("workEmail", null);
        expected.put("customLevel", 3);
        assertThat(record).isEqualTo(expected);
    }

    @Test
    void resultsBecomePlainMapsAndListsWithNullsKept() {
        Object plain = LenientJson.toPlain(List.of(new ChangedEmployee("4", null, "2026-04-01T09:30:00+00:00")));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "4");
        expected.put("action", null);
        expected.put("lastChanged", "2026-04-01T09:30:00+00:00");
        assertThat(plain).isEqualTo(List.of(expected));
    }

    private static JsonNode json(String text) throws IOException {
        return LenientJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
