package io.grantflow.notifications.application;

import io.grantflow.notifications.persistence.NoticeEntity;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** An applicant's inbox: its notices, and marking one read. */
@ApplicationScoped
public class InboxQueries {

    /** A notice. */
    public record NoticeRecord(UUID id, UUID applicationId, String status, String titleZh, String titleEn,
                               String bodyZh, String bodyEn, OffsetDateTime createdAt, OffsetDateTime readAt) {
        static NoticeRecord of(NoticeEntity n) {
            return new NoticeRecord(n.id, n.applicationId, n.status, n.titleZh, n.titleEn, n.bodyZh, n.bodyEn,
                    n.createdAt, n.readAt);
        }
    }

    public Uni<List<NoticeRecord>> notices(String recipient, UUID applicationId) {
        return Panache.withSession(() -> applicationId == null
                        ? NoticeEntity.<NoticeEntity>find("recipientId", Sort.descending("createdAt"), recipient)
                        .page(0, 200).list()
                        : NoticeEntity.<NoticeEntity>list("recipientId = ?1 and applicationId = ?2",
                        Sort.ascending("createdAt"), recipient, applicationId))
                .map(list -> list.stream().map(NoticeRecord::of).toList());
    }

    public Uni<NoticeRecord> markRead(String recipient, UUID id) {
        return Panache.withTransaction(() -> NoticeEntity.<NoticeEntity>findById(id).map(n -> {
            if (n == null || !n.recipientId.equals(recipient)) {
                throw ProblemException.notFound("消息 / notice", id.toString());
            }
            if (n.readAt == null) {
                n.readAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
            return NoticeRecord.of(n);
        }));
    }
}
