package io.integrationhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An error may say how long to wait; plugins built against platform API 1.0.0 keep working unchanged. */
class IntegrationErrorTest {

    @Test
    void theConstructorOf100IsStillThereAndSaysNothingAboutWaiting() throws Exception {
        IntegrationError error = IntegrationError.class
                .getConstructor(ErrorKind.class, String.class, String.class, Integer.class, String.class, String.class)
                .newInstance(ErrorKind.RATE_LIMITED, "Slow down", null, 429, "Too many requests", "req-1");

        assertThat(error.retryAfter()).isNull();
        assertThat(error.remedy()).isEqualTo(ErrorKind.RATE_LIMITED.remedy());
        assertThat(IntegrationError.of(ErrorKind.RATE_LIMITED, "Slow down").retryAfter()).isNull();
    }

    @Test
    void withRetryAfterAddsTheWaitAndKeepsEverythingElse() {
        IntegrationError error = new IntegrationError(ErrorKind.RATE_LIMITED, "Slow down", "Wait.", 429, "Too many", "req-1");

        IntegrationError waiting = error.withRetryAfter(Duration.ofSeconds(7));

        assertThat(waiting.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(waiting.withRetryAfter(null)).isEqualTo(error);
        assertThat(waiting).usingRecursiveComparison().ignoringFields("retryAfter").isEqualTo(error);
    }

    @Test
    void namedStepsBuildWhatTheSixPositionalValuesBuilt() {
        @SuppressWarnings("deprecation")
        IntegrationError positional = new IntegrationError(ErrorKind.RATE_LIMITED, "Slow down", "Wait.", 429, "Too many",
                "req-1");

        IntegrationError named = IntegrationError.of(ErrorKind.RATE_LIMITED, "Slow down").withRemedy("Wait.")
                .withUpstream(429, "Too many").withRequestId("req-1");

        assertThat(named).isEqualTo(positional);
        assertThat(named.withRetryAfter(Duration.ofSeconds(3)).withRemedy("Later.").retryAfter())
                .as("each step keeps what the others set").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void withoutItsOwnRemedyAnErrorSaysItsKindsAndTheSixValueConstructorIsDeprecated() throws Exception {
        assertThat(IntegrationError.of(ErrorKind.NOT_FOUND, "No such employee").withRemedy(null).remedy())
                .isEqualTo(ErrorKind.NOT_FOUND.remedy());
        assertThat(IntegrationError.class.getConstructor(ErrorKind.class, String.class, String.class, Integer.class,
                String.class, String.class).isAnnotationPresent(Deprecated.class)).isTrue();
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatThrownBy(() -> IntegrationError.of(ErrorKind.RATE_LIMITED, "Slow down").withRetryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
