package io.grantflow.notifications.application;

import io.grantflow.notifications.domain.Recipient;
import io.grantflow.notifications.persistence.NoticeEntity;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A recipient's inbox: its notices, how many are unread, and marking them read. */
@ApplicationScoped
public class InboxQueries {

    /** A notice. */
    public record NoticeRecord(
            UUID id,
            String eventType,
            UUID applicationId,
            String status,
            String titleZh,
            String titleEn,
            String bodyZh,
            String bodyEn,
            OffsetDateTime createdAt,
            OffsetDateTime readAt) {
        public static NoticeRecord of(NoticeEntity n) {
            return new NoticeRecord(
                    n.id,
                    n.eventType,
                    n.applicationId,
                    n.status,
                    n.titleZh,
                    n.titleEn,
                    n.bodyZh,
                    n.bodyEn,
                    n.createdAt,
                    n.readAt);
        }
    }

    /** The filters of a list: each optional. */
    public record Filter(UUID applicationId, boolean unreadOnly, String eventType) {}

    /** How many of the recipient's notices are unread. */
    public record UnreadCount(long unread) {}

    /** How many notices a "mark all read" marked. */
    public record Marked(long marked) {}

    private static final String MINE = "recipientKind = :kind and recipientId = :recipient and inInbox = true";

    private static Parameters mine(Recipient recipient) {
        return Parameters.with("kind", recipient.kind().name()).and("recipient", recipient.id());
    }

    /**
     * A page of the recipient's notices: all of them newest first, or those of one application in
     * the order they happened; optionally only the unread ones, or one event type's.
     */
    public Uni<Page<NoticeRecord>> notices(Recipient recipient, Filter filter, PageRequest page) {
        StringBuilder query = new StringBuilder(MINE);
        Parameters params = mine(recipient);
        if (filter.applicationId() != null) {
            query.append(" and applicationId = :application");
            params = params.and("application", filter.applicationId());
        }
        if (filter.unreadOnly()) {
            query.append(" and readAt is null");
        }
        if (filter.eventType() != null) {
            query.append(" and eventType = :type");
            params = params.and("type", filter.eventType());
        }
        Sort sort = filter.applicationId() == null
                ? Sort.descending("createdAt").and("id")
                : Sort.ascending("createdAt").and("id");
        String q = query.toString();
        Parameters p = params;
        return Panache.withSession(() -> {
            var found = NoticeEntity.<NoticeEntity>find(q, sort, p);
            return Pages.of(found, page, NoticeRecord::of);
        });
    }

    public Uni<UnreadCount> unread(Recipient recipient) {
        return Panache.withSession(() -> NoticeEntity.count(MINE + " and readAt is null", mine(recipient)))
                .map(UnreadCount::new);
    }

    public Uni<NoticeRecord> markRead(Recipient recipient, UUID id) {
        return Panache.withTransaction(() -> NoticeEntity.<NoticeEntity>findById(id)
                .map(n -> {
                    if (n == null
                            || !n.inInbox
                            || !n.recipientKind.equals(recipient.kind().name())
                            || !n.recipientId.equals(recipient.id())) {
                        throw ProblemException.notFound("消息", "notice", id.toString());
                    }
                    if (n.readAt == null) {
                        n.readAt = OffsetDateTime.now(ZoneOffset.UTC);
                    }
                    return NoticeRecord.of(n);
                }));
    }

    /** Marks every unread notice of the recipient read (one application's, if named). */
    public Uni<Marked> markAllRead(Recipient recipient, UUID applicationId) {
        Parameters params = mine(recipient).and("now", OffsetDateTime.now(ZoneOffset.UTC));
        String query = "readAt = :now where " + MINE + " and readAt is null";
        if (applicationId != null) {
            query += " and applicationId = :application";
            params = params.and("application", applicationId);
        }
        String q = query;
        Parameters p = params;
        return Panache.withTransaction(() -> NoticeEntity.update(q, p)).map(n -> new Marked(n));
    }
}
