package io.grantflow.notifications.application;

import io.grantflow.notifications.persistence.NoticeEntity;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** An applicant's inbox: its notices, and marking one read. */
@ApplicationScoped
public class InboxQueries {

    /** A notice. */
    public record NoticeRecord(
            UUID id,
            UUID applicationId,
            String status,
            String titleZh,
            String titleEn,
            String bodyZh,
            String bodyEn,
            OffsetDateTime createdAt,
            OffsetDateTime readAt) {
        static NoticeRecord of(NoticeEntity n) {
            return new NoticeRecord(
                    n.id, n.applicationId, n.status, n.titleZh, n.titleEn, n.bodyZh, n.bodyEn, n.createdAt, n.readAt);
        }
    }

    /**
     * A page of the recipient's notices: all of them newest first, or those of one application in
     * the order they happened; optionally only the unread ones.
     */
    public Uni<Page<NoticeRecord>> notices(String recipient, UUID applicationId, boolean unreadOnly, PageRequest page) {
        String query = "recipientId = ?1" + (applicationId == null ? "" : " and applicationId = ?2")
                + (unreadOnly ? " and readAt is null" : "");
        Sort sort = applicationId == null
                ? Sort.descending("createdAt").and("id")
                : Sort.ascending("createdAt").and("id");
        Object[] params = applicationId == null ? new Object[] {recipient} : new Object[] {recipient, applicationId};
        return Panache.withSession(() -> {
            var found = NoticeEntity.<NoticeEntity>find(query, sort, params);
            return Pages.of(found, page, NoticeRecord::of);
        });
    }

    public Uni<NoticeRecord> markRead(String recipient, UUID id) {
        return Panache.withTransaction(() -> NoticeEntity.<NoticeEntity>findById(id)
                .map(n -> {
                    if (n == null || !n.recipientId.equals(recipient)) {
                        throw ProblemException.notFound("消息", "notice", id.toString());
                    }
                    if (n.readAt == null) {
                        n.readAt = OffsetDateTime.now(ZoneOffset.UTC);
                    }
                    return NoticeRecord.of(n);
                }));
    }
}
