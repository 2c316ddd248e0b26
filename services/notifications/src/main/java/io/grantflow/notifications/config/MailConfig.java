package io.grantflow.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The mail sender ({@code grantflow.mail.*}). */
@ConfigMapping(prefix = "grantflow.mail")
public interface MailConfig {
    /** How often the sender looks for due e-mail. */
    @WithDefault("1s")
    Duration interval();

    /** E-mails one run claims at most. */
    @WithDefault("20")
    int batchSize();

    Retry retry();

    /** The back-off of an e-mail the SMTP server does not take; parked for an operator after it. */
    interface Retry {
        @WithDefault("10s")
        Duration base();

        @WithDefault("15m")
        Duration max();

        @WithDefault("0")
        int attempts();

        @WithDefault("3d")
        Duration window();
    }
}
