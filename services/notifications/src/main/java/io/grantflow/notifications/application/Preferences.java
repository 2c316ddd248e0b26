package io.grantflow.notifications.application;

import io.grantflow.notifications.domain.NoticePreferences;
import io.grantflow.notifications.domain.NoticePreferences.EventChannels;
import io.grantflow.notifications.domain.NoticePreferences.Violation;
import io.grantflow.notifications.domain.Recipient;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recipient's preferences (ADR 0028): by which channels it hears of an event type, and where its
 * mail goes. Stored in {@code notice_preference} (the recipient's row) and
 * {@code notice_preference_event} (one row per event type it chose); no row, every channel.
 */
@ApplicationScoped
public class Preferences {

    /** The channels of one event type for one recipient, and its address (null: none set). */
    public record Channels(boolean inbox, boolean email, boolean sse, String address) {
        public static final Channels ALL = new Channels(true, true, true, null);

        public boolean any() {
            return inbox || email || sse;
        }
    }

    /** A recipient's preferences as the API shows and takes them. */
    public record PreferenceList(List<EventChannels> preferences) {}

    /**
     * The channels of a notice of {@code eventType} (a preference event type, see
     * NoticePreferences.eventTypeOf), in the caller's session: the inbox and the stream always.
     */
    public Uni<Channels> channels(Recipient recipient, String eventType) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                                SELECT p.email, e.email
                                  FROM notice_preference p
                                  LEFT JOIN notice_preference_event e
                                    ON e.recipient_kind = p.recipient_kind AND e.recipient_id = p.recipient_id
                                   AND e.event_type = ?3
                                 WHERE p.recipient_kind = ?1 AND p.recipient_id = ?2""", Object[].class)
                        .setParameter(1, recipient.kind().name())
                        .setParameter(2, recipient.id())
                        .setParameter(3, eventType)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return Channels.ALL;
                    }
                    Object[] row = rows.get(0);
                    String address = (String) row[0];
                    boolean email = row[1] == null || Boolean.TRUE.equals(row[1]);
                    return new Channels(true, email, true, address);
                });
    }

    /** Every event type of the recipient's kind with its channels. */
    public Uni<PreferenceList> get(Recipient recipient) {
        return Panache.withSession(() -> stored(recipient))
                .map(stored -> new PreferenceList(NoticePreferences.effective(recipient.kind(), stored)));
    }

    /**
     * Replaces the recipient's choices: the event types named get their channels, the rest every
     * channel. Its mail address, if one was set, stays.
     */
    public Uni<PreferenceList> replace(Recipient recipient, List<EventChannels> entries, String by) {
        List<Violation> violations = NoticePreferences.check(recipient.kind(), entries);
        if (!violations.isEmpty()) {
            return Uni.createFrom()
                    .failure(ProblemException.badRequest(violations.stream()
                            .map(v -> new FieldError(v.field(), v.code(), v.messageZh(), v.messageEn()))
                            .toList()));
        }
        Map<String, Boolean> chosen = NoticePreferences.emailByEventType(entries);
        String kind = recipient.kind().name();
        String id = recipient.id();
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery("""
                                INSERT INTO notice_preference (recipient_kind, recipient_id, updated_at, updated_by)
                                VALUES (?1, ?2, now(), ?3)
                                ON CONFLICT (recipient_kind, recipient_id)
                                DO UPDATE SET updated_at = now(), updated_by = EXCLUDED.updated_by""")
                                .setParameter(1, kind)
                                .setParameter(2, id)
                                .setParameter(3, by)
                                .executeUpdate()
                                .chain(() -> s.createNativeQuery(
                                                "DELETE FROM notice_preference_event WHERE recipient_kind = ?1 AND recipient_id = ?2")
                                        .setParameter(1, kind)
                                        .setParameter(2, id)
                                        .executeUpdate())
                                .chain(() -> {
                                    Uni<Integer> chain = Uni.createFrom().item(0);
                                    for (Map.Entry<String, Boolean> e : chosen.entrySet()) {
                                        // only what differs from the default is kept: an all-channel row says nothing
                                        if (e.getValue()) {
                                            continue;
                                        }
                                        chain = chain.chain(() -> s.createNativeQuery("""
                                                INSERT INTO notice_preference_event
                                                        (recipient_kind, recipient_id, event_type, inbox, email, sse)
                                                VALUES (?1, ?2, ?3, true, false, true)""")
                                                .setParameter(1, kind)
                                                .setParameter(2, id)
                                                .setParameter(3, e.getKey())
                                                .executeUpdate());
                                    }
                                    return chain;
                                })
                                .chain(() -> stored(recipient))))
                .map(stored -> new PreferenceList(NoticePreferences.effective(recipient.kind(), stored)));
    }

    private Uni<Map<String, Boolean>> stored(Recipient recipient) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT event_type, email FROM notice_preference_event"
                                        + " WHERE recipient_kind = ?1 AND recipient_id = ?2",
                                Object[].class)
                        .setParameter(1, recipient.kind().name())
                        .setParameter(2, recipient.id())
                        .getResultList())
                .map(rows -> {
                    Map<String, Boolean> out = new HashMap<>();
                    for (Object[] row : rows) {
                        out.put((String) row[0], (Boolean) row[1]);
                    }
                    return out;
                });
    }
}
