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
    void aNegativeWaitIsRefused() {
        assertThatThrownBy(() -> IntegrationError.of(ErrorKind.RATE_LIMITED, "Slow down").withRetryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
