package io.grantflow.notifications.application;

import io.grantflow.notifications.persistence.OutgoingMailEntity;
import io.grantflow.platform.lifecycle.Lifecycle;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Delivers pending e-mail and marks each sent after the SMTP server took it. A failed send stays
 * pending with its error and is tried again on the next run.
 */
@ApplicationScoped
public class MailSender {
    private final Lifecycle lifecycle;
    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private final ReactiveMailer mailer;

    public MailSender(ReactiveMailer mailer, Lifecycle lifecycle) {
        this.mailer = mailer;
        this.lifecycle = lifecycle;
    }

    @Scheduled(
            every = "${grantflow.mail.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "mail-sender")
    public Uni<Void> sendPending() {
        if (lifecycle.stopping()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery("""
                                SELECT id FROM outgoing_mail WHERE status = 'PENDING'
                                 ORDER BY created_at LIMIT 20 FOR UPDATE SKIP LOCKED""", UUID.class).getResultList())
                        .chain(this::sendAll))
                // a round cut short by the stop leaves its mail PENDING for the next start
                .onFailure(failure -> lifecycle.stopping())
                .recoverWithNull();
    }

    private Uni<Void> sendAll(List<UUID> ids) {
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(id ->
                        OutgoingMailEntity.<OutgoingMailEntity>findById(id).chain(this::send))
                .collect()
                .asList()
                .replaceWithVoid();
    }

    private Uni<Void> send(OutgoingMailEntity mail) {
        mail.attempts++;
        return mailer.send(Mail.withText(mail.toAddress, mail.subject, mail.body))
                .onItem()
                .invoke(() -> {
                    mail.status = "SENT";
                    mail.sentAt = OffsetDateTime.now(ZoneOffset.UTC);
                    mail.lastError = null;
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("mail %s to %s not sent yet: %s", mail.id, mail.toAddress, failure.toString());
                    mail.lastError = failure.toString();
                    return null;
                })
                .replaceWithVoid();
    }
}
