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
    private final MailboxCheck mailbox;
    private final boolean crashAfterSend;

    public MailSender(
            Mailer mailer,
            Lifecycle lifecycle,
            DataSource dataSource,
            MailConfig config,
            MeterRegistry registry,
            MailboxCheck mailbox) {
        this.mailer = mailer;
        this.lifecycle = lifecycle;
        this.dataSource = dataSource;
        this.mailbox = mailbox;
        this.crashAfterSend = config.crashAfterSendForTest();
        if (crashAfterSend) {
            LOG.warn("grantflow.mail.crash-after-send-for-test is on: the process halts after its first send");
        }
        MailConfig.Retry r = config.retry();
        this.worker = new RowWorker(
                dataSource,
                new WorkerTable(WORKER, "outgoing_mail", "status = 'PENDING'", "status = 'SENT', sent_at = now()"),
                new RetryPolicy(r.base(), r.max(), r.attempts(), r.window()),
                config.batchSize(),
                // an SMTP exchange takes seconds; a crashed instance's claim is free again after this
                config.lease(),
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
        String messageId;
        boolean begun;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT to_address, subject, body, message_id, send_started_at FROM outgoing_mail WHERE id = ?")) {
            s.setObject(1, claim.id());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return WorkOutcome.refused("e-mail row vanished");
                }
                to = r.getString(1);
                subject = r.getString(2);
                body = r.getString(3);
                messageId = r.getString(4);
                begun = r.getObject(5) != null;
            }
        }
        if (begun) {
            // a send began and was never recorded: it may have reached the mailbox before a crash
            Boolean there = mailbox.delivered(to, messageId);
            if (there == null) {
                return WorkOutcome.retry("未能核对邮箱 / mailbox not checked: " + messageId);
            }
            if (there) {
                LOG.infof("mail %s was delivered before a crash; recorded sent, not sent again", messageId);
                return WorkOutcome.done();
            }
        }
        // "about to send", committed before the SMTP exchange: a crash after it is seen on restart
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("UPDATE outgoing_mail SET send_started_at = now() WHERE id = ?")) {
            s.setObject(1, claim.id());
            s.executeUpdate();
        }
        try {
            mailer.send(Mail.withText(to, subject, body).addHeader("Message-ID", messageId));
        } catch (RuntimeException e) {
            return WorkOutcome.retry("未能发送 / not sent: " + e);
        }
        if (crashAfterSend) {
            // the test's crash: the SMTP server has the mail, the row does not say so
            LOG.warnf("halting after sending %s, before recording it (test hook)", messageId);
            Runtime.getRuntime().halt(3);
        }
        return WorkOutcome.done();
    }
}
