package io.grantflow.platform.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retention settings that would delete young rows at once, or never finish a run, stop the service at start. */
class MessagePrunerTest {
    private static MessagingConfig.Retention retention(
            Duration outbox, Duration inbox, int batchSize, Duration interval) {
        return new MessagingConfig.Retention() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Duration outbox() {
                return outbox;
            }

            @Override
            public Duration inbox() {
                return inbox;
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public Duration interval() {
                return interval;
            }
        };
    }

    @Test
    void theDefaultsPass() {
        assertThatCode(() -> MessagePruner.check(
                        retention(Duration.ofDays(7), Duration.ofDays(30), 1000, Duration.ofHours(1))))
                .doesNotThrowAnyException();
    }

    @Test
    void aRetentionOfZeroOrLessIsRefusedNamingTheSettings() {
        assertThatThrownBy(() ->
                        MessagePruner.check(retention(Duration.ZERO, Duration.ofDays(30), 1000, Duration.ofHours(1))))
                .hasMessageContaining("grantflow.messaging.retention.outbox");
        assertThatThrownBy(() -> MessagePruner.check(
                        retention(Duration.ofDays(7), Duration.ofDays(-1), 1000, Duration.ofHours(1))))
                .hasMessageContaining(".inbox");
    }

    @Test
    void anEmptyBatchOrNoPauseIsRefused() {
        assertThatThrownBy(() ->
                        MessagePruner.check(retention(Duration.ofDays(7), Duration.ofDays(30), 0, Duration.ofHours(1))))
                .hasMessageContaining(".batch-size");
        assertThatThrownBy(() ->
                        MessagePruner.check(retention(Duration.ofDays(7), Duration.ofDays(30), 1000, Duration.ZERO)))
                .hasMessageContaining(".interval");
    }
}
