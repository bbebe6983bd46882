package io.integrationhost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * A vendor's OpenAPI description kept outside the repository is found where the build says; when it is missing the
 * contract tests are skipped with where to get it, or fail when the build requires it. No Prism is needed for this.
 */
class OpenApiDescriptionLocationTest {

    private static final String PROPERTY = "acme.openapi";
    private static final String REQUIRED = "REQUIRE_ACME_OPENAPI";

    @TempDir
    Path folder;

    @Test
    void theDescriptionIsTheFileThePropertyNamesOrElseTheFallback() throws Exception {
        Path named = Files.writeString(folder.resolve("named.yaml"), "openapi: 3.1.0");
        Path fallback = Files.writeString(folder.resolve("fallback.yaml"), "openapi: 3.1.0");

        assertThat(OpenApiMock.description(named.toString(), PROPERTY, fallback, false, REQUIRED, "Acme's file"))
                .isEqualTo(named.toAbsolutePath());
        assertThat(OpenApiMock.description(null, PROPERTY, fallback, false, REQUIRED, "Acme's file"))
                .isEqualTo(fallback.toAbsolutePath());
        assertThat(OpenApiMock.description(" ", PROPERTY, fallback, true, REQUIRED, "Acme's file"))
                .isEqualTo(fallback.toAbsolutePath());
    }

    @Test
    void aMissingDescriptionSkipsTheTestWithOneLineSayingWhereToGetItAndHowToPassIt() throws Exception {
        Path missing = folder.resolve("missing.yaml");
        // A property naming a missing file is not silently replaced by the fallback, even when that exists.
        Path fallback = Files.writeString(folder.resolve("fallback.yaml"), "openapi: 3.1.0");

        assertThatThrownBy(() -> OpenApiMock.description(missing.toString(), PROPERTY, fallback, false, REQUIRED,
                "Acme's file (sdk/openapi.yaml in github.com/acme/sdk)"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("No OpenAPI description at " + missing.toAbsolutePath())
                .hasMessageContaining("get Acme's file (sdk/openapi.yaml in github.com/acme/sdk)")
                .hasMessageContaining("-Dacme.openapi=PATH")
                .hasMessageContaining("to run the contract tests; skipped (REQUIRE_ACME_OPENAPI=true fails instead)")
                .satisfies(skipped -> assertThat(skipped.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingDescriptionFailsTheTestWhenTheBuildRequiresIt() {
        Path fallback = folder.resolve("fallback.yaml");

        assertThatThrownBy(() -> OpenApiMock.description(null, PROPERTY, fallback, true, REQUIRED, "Acme's file"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("No OpenAPI description at " + fallback.toAbsolutePath())
                .hasMessageContaining("get Acme's file")
                .hasMessageContaining("(REQUIRE_ACME_OPENAPI=true requires it)");
    }
}
