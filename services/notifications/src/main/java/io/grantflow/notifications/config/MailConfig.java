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

    /**
     * How long a claimed e-mail is held by its sender: after a crash, the time before another
     * instance (or the restarted one) takes it up.
     */
    @WithDefault("2m")
    Duration lease();

    /**
     * How a mail found "about to send" (a send begun and not recorded) is checked before it is sent
     * again (ADR 0028): {@code none} sends it again with the same Message-ID, for the relay or the
     * reader's client to drop; {@code greenmail} asks GreenMail's API whether the message arrived.
     */
    @WithDefault("none")
    String deliveredCheck();

    /** GreenMail's API, for {@code delivered-check=greenmail}. */
    @WithDefault("http://127.0.0.1:8025")
    String greenmailApiUrl();

    /**
     * Test only, off everywhere else: halts the process right after the SMTP server took a mail
     * and before it is recorded sent, the crash the exactly-once test makes.
     */
    @WithDefault("false")
    boolean crashAfterSendForTest();

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
