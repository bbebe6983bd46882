package io.integrationhost.bamboohr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.integrationhost.api.ErrorKind;
import io.integrationhost.api.IntegrationException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What users paste into the subdomain field is reduced to one DNS label, or refused. */
class SubdomainTest {

    @ParameterizedTest(name = "\"{0}\" is acme")
    @ValueSource(strings = {"acme", "ACME", "  acme  ", "acme.bamboohr.com", "Acme.BambooHR.com",
            "https://acme.bamboohr.com", "https://acme.bamboohr.com/", "https://acme.bamboohr.com/home",
            "http://acme.bamboohr.com/home?tab=1", "acme.bamboohr.com/employees/directory", "acme/"})
    void whatUsersPasteIsReducedToTheSubdomain(String pasted) throws IntegrationException {
        assertThat(Subdomain.parse(pasted).value()).isEqualTo("acme");
    }

    @ParameterizedTest(name = "\"{0}\" is kept")
    @ValueSource(strings = {"acme-corp", "4acme", "a", "x23-b"})
    void labelsWithDigitsAndHyphensAreKept(String pasted) throws IntegrationException {
        assertThat(Subdomain.parse(pasted).value()).isEqualTo(pasted);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @NullSource
    @ValueSource(strings = {"", "   ", "evil.com/x", "evil.com", "a@b", "acme.bamboohr.com@evil.com", "../", "..",
            "acme corp", "ac me", "acme\t.bamboohr.com", "-acme", "acme.bamboohr.com.evil.com", "acme:8080",
            "https://evil.com/acme.bamboohr.com", "ftp://acme.bamboohr.com", "acme%2eevil", "acme\\evil", "ácme",
            "https://", "?acme", "#acme"})
    void anythingElseIsRefusedAsInvalidCredentials(String pasted) {
        IntegrationException refused = catchThrowableOfType(IntegrationException.class, () -> Subdomain.parse(pasted));

        assertThat(refused).isNotNull();
        assertThat(refused.error().kind()).isEqualTo(ErrorKind.INVALID_CREDENTIALS);
        assertThat(refused.error().remedy()).contains("'acme'");
        if (pasted != null && !pasted.isBlank()) {
            assertThat(refused.getMessage()).as("the value is not repeated").doesNotContain(pasted.strip());
        }
    }

    @Test
    void aValueLongerThanADnsLabelIsRefused() {
        String tooLong = "a".repeat(200);

        assertThat(catchThrowableOfType(IntegrationException.class, () -> Subdomain.parse(tooLong)).error().kind())
                .isEqualTo(ErrorKind.INVALID_CREDENTIALS);
        assertThat(catchThrowableOfType(IntegrationException.class, () -> Subdomain.parse("a".repeat(64)))).isNotNull();
        assertThat(catchThrowableOfType(IntegrationException.class, () -> Subdomain.parse("a".repeat(63)))).isNull();
    }

    @Test
    void withoutAnOperatorOverrideRequestsGoToTheCompanysOwnBambooHrHost() throws IntegrationException {
        URI base = BaseUrl.resolve(Subdomain.parse("https://ACME.bamboohr.com/home"), Optional.empty());

        assertThat(BambooHrRequest.get("employees", "0").uri(base))
                .hasToString("https://acme.bamboohr.com/api/v1/employees/0");
    }

    @Test
    void theOperatorOverrideReplacesTheHostAndKeepsItsPath() throws IntegrationException {
        URI base = BaseUrl.resolve(Subdomain.parse("acme"), Optional.of("http://127.0.0.1:4010/mock/"));

        assertThat(BambooHrRequest.get("meta", "fields").uri(base)).hasToString("http://127.0.0.1:4010/mock/api/v1/meta/fields");
    }
}
