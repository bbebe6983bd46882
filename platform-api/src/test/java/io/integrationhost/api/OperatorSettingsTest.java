package io.integrationhost.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An operator setting's variable: {@code <ID>_<NAME>}, upper-cased, {@code -} and {@code .} as {@code _}. */
class OperatorSettingsTest {

    @Test
    void theIdAndTheNameAreJoinedUpperCasedWithDashesAndDotsAsUnderscores() {
        assertThat(OperatorSettings.variable("acme-crm", "BASE_URL")).isEqualTo("ACME_CRM_BASE_URL");
        assertThat(OperatorSettings.variable("acme-crm", "base-url")).isEqualTo("ACME_CRM_BASE_URL");
        assertThat(OperatorSettings.variable("acme-crm", "base.url")).isEqualTo("ACME_CRM_BASE_URL");
        assertThat(OperatorSettings.variable("bamboohr", "BASE_URL")).isEqualTo("BAMBOOHR_BASE_URL");
    }
}
