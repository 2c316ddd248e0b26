package io.grantflow.notifications.application;

import io.grantflow.notifications.config.MailConfig;
import io.grantflow.platform.lifecycle.Lifecycle;
import io.grantflow.platform.worker.RetryPolicy;
import io.grantflow.platform.worker.RowWorker;
import io.grantflow.platform.worker.WorkOutcome;
import io.grantflow.platform.worker.WorkerTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Delivers pending e-mail on the platform's row worker and marks each sent after the SMTP server
 * took it. A failed send waits out its own back-off (other mail flows on) and is parked for an
 * operator once its retry window is over.
 */
@ApplicationScoped
public class MailSender {
    private static final Logger LOG = Logger.getLogger(MailSender.class);
    public static final String WORKER = "mail";

    private final Lifecycle lifecycle;
    private final Mailer mailer;
    private final DataSource dataSource;
    private final RowWorker worker;

    public MailSender(
            Mailer mailer, Lifecycle lifecycle, DataSource dataSource, MailConfig config, MeterRegistry registry) {
        this.mailer = mailer;
        this.lifecycle = lifecycle;
        this.dataSource = dataSource;
        MailConfig.Retry r = config.retry();
        this.worker = new RowWorker(
                dataSource,
                new WorkerTable(WORKER, "outgoing_mail", "status = 'PENDING'", "status = 'SENT', sent_at = now()"),
                new RetryPolicy(r.base(), r.max(), r.attempts(), r.window()),
                config.batchSize(),
                // an SMTP exchange takes seconds; a crashed instance's claim is free again after this
                Duration.ofMinutes(2),
                registry,
                this::send);
    }

    public RowWorker worker() {
        return worker;
    }

    @Scheduled(
            every = "${grantflow.mail.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "mail-sender")
    void sendPending() {
        if (lifecycle.stopping()) {
            return;
        }
        try {
            worker.runOnce();
        } catch (SQLException | RuntimeException e) {
            // a round cut short by the stop leaves its mail due for the next start
            if (!lifecycle.stopping()) {
                LOG.warnf("mail sender will retry: %s", e.toString());
            }
        }
    }

    private WorkOutcome send(RowWorker.Claim claim) throws SQLException {
        String to;
        String subject;
        String body;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT to_address, subject, body FROM outgoing_mail WHERE id = ?")) {
            s.setObject(1, claim.id());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return WorkOutcome.refused("e-mail row vanished");
                }
                to = r.getString(1);
                subject = r.getString(2);
                body = r.getString(3);
            }
        }
        try {
            mailer.send(Mail.withText(to, subject, body));
            return WorkOutcome.done();
        } catch (RuntimeException e) {
            return WorkOutcome.retry("未能发送 / not sent: " + e);
        }
    }
}
