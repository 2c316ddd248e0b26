package io.grantflow.notifications.application;

import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.notifications.domain.NoticeTemplates;
import io.grantflow.notifications.persistence.NoticeEntity;
import io.grantflow.notifications.persistence.OutgoingMailEntity;
import io.grantflow.platform.messaging.MessageContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * A status change becomes a notice in the applicant's inbox and, with an address, an e-mail;
 * a change the enterprise is not told of ({@link NoticeTemplates#isSilent}) becomes neither.
 */
@ApplicationScoped
public class NotifyStatusChange {

    /** The causing message's id becomes the notice's source: a second delivery adds nothing. */
    public Uni<Void> inform(ApplicationStatusChangedV1 change, MessageContext context) {
        String eventId = context.causationId();
        Optional<NoticeTemplates.Text> written = NoticeTemplates.forChange(new NoticeTemplates.Change(
                change.previousStatus(),
                change.status(),
                change.command(),
                change.programme(),
                change.applicationId().toString(),
                change.amount(),
                change.reasonZh(),
                change.reasonEn()));
        if (written.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        NoticeTemplates.Text text = written.get();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        NoticeEntity notice = new NoticeEntity();
        notice.id = UUID.randomUUID();
        notice.recipientId = change.applicantId();
        notice.applicationId = change.applicationId();
        notice.status = change.status();
        notice.titleZh = text.titleZh();
        notice.titleEn = text.titleEn();
        notice.bodyZh = text.bodyZh();
        notice.bodyEn = text.bodyEn();
        notice.sourceEventId = eventId;
        notice.createdAt = now;
        Uni<Void> saved = notice.persistAndFlush().replaceWithVoid();
        if (change.contactEmail() == null || change.contactEmail().isBlank()) {
            return saved;
        }
        OutgoingMailEntity mail = new OutgoingMailEntity();
        mail.id = UUID.randomUUID();
        mail.noticeId = notice.id;
        mail.toAddress = change.contactEmail();
        mail.subject = text.subject();
        mail.body = text.mailBody();
        mail.status = "PENDING";
        mail.createdAt = now;
        mail.nextAttemptAt = now;
        mail.windowStart = now;
        return saved.chain(() -> mail.persist()).replaceWithVoid();
    }
}
