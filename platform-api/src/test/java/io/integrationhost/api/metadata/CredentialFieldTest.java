package io.integrationhost.api.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * A field's pattern is read once, when the field is built: a broken one is refused there, not at the first value. A field
 * built with an earlier version's constructor keeps that version's meaning.
 */
class CredentialFieldTest {

    @Test
    void aPatternThatIsNotARegularExpressionIsRefusedWhenTheFieldIsBuiltSayingWhichFieldAndWhy() {
        assertThatThrownBy(() -> field("subdomain", "[a-z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credential field 'subdomain'")
                .hasMessageContaining("not a Java regular expression")
                .hasMessageContaining("[a-z")
                .hasCauseInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void matchingUsesThePatternCompiledWhenTheFieldWasBuilt() {
        CredentialField field = field("subdomain", "[a-z0-9-]+");

        assertThat(field.compiledPattern()).isSameAs(field.compiledPattern())
                .isSameAs(field("other", "[a-z0-9-]+").compiledPattern());
        assertThat(field.matches("acme-1")).isTrue();
        assertThat(field.matches("Acme")).isFalse();
        assertThat(field.matches("acme.example")).as("the whole value must match").isFalse();
    }

    @Test
    void aFieldWithoutAPatternAcceptsEveryValue() {
        CredentialField field = field("apiKey", null);

        assertThat(field.compiledPattern()).isNull();
        assertThat(field.matches("anything at all")).isTrue();
    }

    @Test
    void aFieldBuiltAsInEarlierVersionsIsPresettableExactlyWhenItIsPublicAndHasNoHelpLink() {
        CredentialField subdomain = new CredentialField("subdomain", "Subdomain", null, null, true, false, null, null, null,
                null, null);
        CredentialField apiKey = new CredentialField("apiKey", "API key", null, null, true, true, null, null);

        assertThat(subdomain.presettable()).isTrue();
        assertThat(apiKey.presettable()).isFalse();
        assertThat(subdomain.helpUrl()).isNull();
        assertThat(apiKey.helpUrl()).isNull();
    }

    @Test
    void aFieldSaysWhetherItIsPresettableAndWhereItsValueIsCreated() {
        CredentialField region = new CredentialField("region", "Region", null, null, true, false, null, null, null, null,
                null, false, "https://{subdomain}.example.com/settings/keys");

        assertThat(region.presettable()).isFalse();
        assertThat(region.helpUrl()).isEqualTo("https://{subdomain}.example.com/settings/keys");
    }

    private static CredentialField field(String key, String pattern) {
        return new CredentialField(key, "Label", null, null, true, false, pattern, null, null);
    }
}
