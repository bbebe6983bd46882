package io.integrationhost.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A connection test and a profile verification may report an expected failure the way an action does: by throwing. */
class ContractSignaturesTest {

    @Test
    void testConnectionAndVerifyDeclareIntegrationExceptionAsExecuteDoes() throws Exception {
        assertThat(Integration.class.getMethod("execute", ActionCall.class).getExceptionTypes())
                .containsExactly(IntegrationException.class);
        assertThat(Integration.class.getMethod("testConnection", Credentials.class, IntegrationContext.class)
                .getExceptionTypes()).containsExactly(IntegrationException.class);
        assertThat(AuthorizationProfile.class.getMethod("verify", Credentials.class, IntegrationContext.class)
                .getExceptionTypes()).containsExactly(IntegrationException.class);
    }
}
