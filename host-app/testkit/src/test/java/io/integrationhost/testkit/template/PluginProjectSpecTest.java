package io.integrationhost.testkit.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/** A project's settings: sensible defaults from the id, and no value that would break the generated build. */
class PluginProjectSpecTest {

    @Test
    void everythingElseIsDerivedFromTheId() {
        PluginProjectSpec spec = PluginProjectSpec.withDefaults("acme-crm");

        assertThat(spec.name()).isEqualTo("Acme Crm");
        assertThat(spec.javaPackage()).isEqualTo("com.example.acmecrm.plugin");
        assertThat(spec.classPrefix()).isEqualTo("AcmeCrm");
        assertThat(spec.artifactId()).isEqualTo("acme-crm-plugin");
        assertThat(spec.profileTypeId()).isEqualTo("acme-crm-api-key");
        assertThat(spec.preAuthorized()).isTrue();
        assertThat(spec.userAuthorized()).isTrue();
    }

    @Test
    void anIdThatIsAJavaKeywordStillGivesALegalPackage() {
        for (String keyword : new String[] {"new", "case", "int", "class", "default"}) {
            String javaPackage = PluginProjectSpec.withDefaults(keyword).javaPackage();

            assertThat(javaPackage).isEqualTo("com.example." + keyword + "_.plugin");
            assertThat(SourceVersion.isName(javaPackage)).as(javaPackage).isTrue();
        }
    }

    @Test
    void aPackageWithAJavaKeywordIsRefusedBeforeAnythingIsGenerated() {
        assertThatThrownBy(() -> PluginProjectSpec.withDefaults("acme").withJavaPackage("com.example.new"))
                .hasMessageStartingWith("--package must not contain the Java keyword 'new'");
    }

    @Test
    void theModesAreChosenByName() {
        PluginProjectSpec preOnly = PluginProjectSpec.withDefaults("acme").withModes("pre_authorized");

        assertThat(preOnly.preAuthorized()).isTrue();
        assertThat(preOnly.userAuthorized()).isFalse();
        assertThatThrownBy(() -> preOnly.withModes("SOMETIMES")).hasMessageContaining("not 'SOMETIMES'");
        assertThatThrownBy(() -> preOnly.withModes()).hasMessageContaining("at least one");
    }

    @Test
    void theAuthorizationIsAnApiKeyUnlessOAuth2IsChosen() {
        PluginProjectSpec oauth = PluginProjectSpec.withDefaults("acme-crm").withAuthorization("oauth2");

        assertThat(PluginProjectSpec.withDefaults("acme-crm").authorization()).isEqualTo(PluginProjectSpec.Authorization.API_KEY);
        assertThat(oauth.oauth2()).isTrue();
        assertThat(oauth.profileTypeId()).isEqualTo("acme-crm-oauth");
        assertThat(oauth.withModes("PRE_AUTHORIZED").withName("Acme").oauth2()).as("kept by the other options").isTrue();
        assertThatThrownBy(() -> oauth.withAuthorization("SAML")).hasMessage("--auth takes API_KEY or OAUTH2, not 'SAML'");
    }

    @Test
    void valuesThatWouldBreakTheGeneratedProjectAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> PluginProjectSpec.withDefaults("Acme")).hasMessageStartingWith("--id must be");
        assertThatThrownBy(() -> PluginProjectSpec.withDefaults("acme-")).hasMessageStartingWith("--id must not end");
        assertThatThrownBy(() -> PluginProjectSpec.withDefaults("acme").withName("Acme \"CRM\""))
                .hasMessageStartingWith("--name must be");
        assertThatThrownBy(() -> PluginProjectSpec.withDefaults("acme").withProvider("A & B"))
                .hasMessageStartingWith("--provider must be");
        assertThatThrownBy(() -> PluginProjectSpec.withDefaults("acme").withJavaPackage("Com.Example"))
                .hasMessageStartingWith("--package must be");
    }
}
