package io.grantflow.notifications.application;

import io.grantflow.notifications.domain.MailIdentity;
import io.grantflow.notifications.domain.NoticePreferences;
import io.grantflow.notifications.domain.NoticeTemplates;
import io.grantflow.notifications.domain.NoticeTemplates.Planned;
import io.grantflow.notifications.domain.Recipient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Writes planned notices in the transaction that consumes their event: each one rendered from its
 * templates, kept in the recipient's inbox and sent on its live stream and by mail as its
 * preferences say (ADR 0028: the inbox always, the mail unless the recipient switched it off for
 * the event type). Exactly once per event, recipient and channel: the notice's unique key
 * (event, recipient) and the mail's (notice) make a second write of the same event add nothing,
 * whichever way it comes back (ADR 0025).
 */
@ApplicationScoped
public class WriteNotices {
    private final NoticeRenderer renderer;
    private final Preferences preferences;

    public WriteNotices(NoticeRenderer renderer, Preferences preferences) {
        this.renderer = renderer;
        this.preferences = preferences;
    }

    /**
     * Writes the notices of one event, in order.
     *
     * @param eventId the consumed message's id: with the recipient, the notice's unique key
     * @param applicationId the application the event concerns, if any
     * @param status the application's new status, if the event is a change of it
     * @param contactEmail the enterprise's address its application names, if any
     */
    public Uni<Void> write(
            List<Planned> planned, String eventId, UUID applicationId, String status, String contactEmail) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Planned p : planned) {
            chain = chain.chain(() -> writeOne(p, eventId, applicationId, status, contactEmail));
        }
        return chain;
    }

    private Uni<Void> writeOne(Planned p, String eventId, UUID applicationId, String status, String contactEmail) {
        NoticeTemplates.Text text = renderer.render(p.template(), p.values());
        Recipient r = p.recipient();
        // the mail's id is fixed here, with the row: every send of it, a re-send after a crash too, carries it
        String messageId = MailIdentity.messageId(eventId, r, NoticePreferences.EMAIL);
        return preferences.channels(r, NoticePreferences.eventTypeOf(p)).chain(channels -> {
            if (!channels.any()) {
                return Uni.createFrom().voidItem();
            }
            String address = r.kind() == Recipient.Kind.ENTERPRISE && channels.address() == null
                    ? blankToNull(contactEmail)
                    : channels.address();
            return Panache.getSession()
                    .chain(s -> s.createNativeQuery("""
                            INSERT INTO notice (id, recipient_kind, recipient_id, event_type, template, application_id,
                                    status, title_zh, title_en, body_zh, body_en, source_event_id, in_inbox, live,
                                    created_at)
                            VALUES (gen_random_uuid(), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, clock_timestamp())
                            ON CONFLICT ON CONSTRAINT notice_once DO NOTHING""")
                            .setParameter(1, r.kind().name())
                            .setParameter(2, r.id())
                            .setParameter(3, p.eventType())
                            .setParameter(4, p.template())
                            .setParameter(5, applicationId)
                            .setParameter(6, status)
                            .setParameter(7, text.titleZh())
                            .setParameter(8, text.titleEn())
                            .setParameter(9, text.bodyZh())
                            .setParameter(10, text.bodyEn())
                            .setParameter(11, eventId)
                            .setParameter(12, channels.inbox())
                            .setParameter(13, channels.sse())
                            .executeUpdate()
                            .chain(inserted -> !channels.email() || address == null
                                    ? Uni.createFrom().item(0)
                                    : s.createNativeQuery("""
                                            INSERT INTO outgoing_mail (id, notice_id, to_address, subject, body, status,
                                                    attempts, created_at, next_attempt_at, window_start, message_id)
                                            SELECT gen_random_uuid(), n.id, ?1, ?2, ?3, 'PENDING', 0, now(), now(), now(), ?7
                                              FROM notice n
                                             WHERE n.source_event_id = ?4 AND n.recipient_kind = ?5 AND n.recipient_id = ?6
                                            ON CONFLICT (notice_id) DO NOTHING""")
                                            .setParameter(1, address)
                                            .setParameter(2, text.subject())
                                            .setParameter(3, text.mailBody())
                                            .setParameter(4, eventId)
                                            .setParameter(5, r.kind().name())
                                            .setParameter(6, r.id())
                                            .setParameter(7, messageId)
                                            .executeUpdate()))
                    .replaceWithVoid();
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
