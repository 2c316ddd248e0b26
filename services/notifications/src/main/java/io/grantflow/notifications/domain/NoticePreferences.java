package io.grantflow.notifications.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recipient's choice of channels per event type (ADR 0028). The event types a preference names
 * are finer than the inbox's {@code eventType}: an application's change is split by the notice it
 * gives ({@code application.status_changed:UNDER_REVIEW/claim}, one per template key of the
 * recipient kind), so that an enterprise can keep the mail of a payment and drop that of a
 * submission; finance's are the money events themselves ({@code payment.completed}).
 *
 * <p>The inbox is always on: it is the record every other channel points to, and the notices a
 * department or the city approver must act on may never go unseen. The live stream follows the
 * inbox. Webhooks are not a preference: a partner agency chooses its event types on its
 * subscription. So the one channel a recipient switches is e-mail.
 */
public final class NoticePreferences {
    private NoticePreferences() {}

    public static final String INBOX = "inbox";
    public static final String EMAIL = "email";
    public static final List<String> CHANNELS = List.of(INBOX, EMAIL);

    /** Most entries one replacement may carry: more than any recipient kind has event types. */
    public static final int MAX_ENTRIES = 64;

    /** The prefix of an application change's preference event type. */
    static final String CHANGE_PREFIX = NoticeEvents.APPLICATION_STATUS_CHANGED + ":";

    /** One event type's channels. */
    public record EventChannels(String eventType, List<String> channels) {
        public boolean email() {
            return channels.contains(EMAIL);
        }
    }

    /** A rule broken by a requested entry: the field it names and why, in both languages. */
    public record Violation(String field, String code, String messageZh, String messageEn) {}

    /** The event types a recipient kind can receive, sorted: what its preferences list. */
    public static List<String> eventTypes(Recipient.Kind kind) {
        Set<String> out = new TreeSet<>();
        switch (kind) {
            case ENTERPRISE:
                addChanges(out, NoticeTemplates.ENTERPRISE_KEYS);
                out.add(NoticeTemplates.RECOVERY_KEY);
                break;
            case DEPARTMENT:
                addChanges(out, NoticeTemplates.DEPARTMENT_KEYS);
                out.add(NoticeTemplates.RECOVERY_KEY);
                break;
            case CITY:
                addChanges(out, NoticeTemplates.CITY_KEYS);
                break;
            case FINANCE:
                out.addAll(NoticeTemplates.FINANCE_KEYS);
                break;
            default:
                throw new IllegalArgumentException("unknown recipient kind " + kind);
        }
        return List.copyOf(out);
    }

    private static void addChanges(Set<String> out, Collection<String> keys) {
        for (String key : keys) {
            out.add(CHANGE_PREFIX + key);
        }
    }

    /**
     * The preference event type of a planned notice: its template key for an application's change
     * ({@code enterprise/UNDER_REVIEW.claim} gives {@code application.status_changed:UNDER_REVIEW/claim}),
     * else its event type. A fallback notice (a status no template knows) gets a type no one can
     * switch, so it goes by every channel: nothing goes untold.
     */
    public static String eventTypeOf(NoticeTemplates.Planned planned) {
        if (!NoticeEvents.APPLICATION_STATUS_CHANGED.equals(planned.eventType())) {
            return planned.eventType();
        }
        String template = planned.template();
        String key = template.substring(template.indexOf('/') + 1).replace('.', '/');
        return CHANGE_PREFIX + key;
    }

    /**
     * The whole list of a recipient's preferences: every event type of its kind, with its stored
     * channels or, where none is stored, every channel.
     */
    public static List<EventChannels> effective(Recipient.Kind kind, Map<String, Boolean> emailByEventType) {
        List<EventChannels> out = new ArrayList<>();
        for (String type : eventTypes(kind)) {
            Boolean email = emailByEventType.get(type);
            out.add(new EventChannels(type, email == null || email ? CHANNELS : List.of(INBOX)));
        }
        return out;
    }

    /**
     * The rules of a replacement: at most {@link #MAX_ENTRIES} entries, each a known event type of
     * the recipient's kind, named once, with known channels of which inbox is one. Empty when all
     * hold.
     */
    public static List<Violation> check(Recipient.Kind kind, List<EventChannels> entries) {
        List<Violation> out = new ArrayList<>();
        if (entries == null) {
            out.add(new Violation("preferences", "REQUIRED", "必填", "required"));
            return out;
        }
        if (entries.size() > MAX_ENTRIES) {
            out.add(new Violation(
                    "preferences", "TOO_MANY", "最多" + MAX_ENTRIES + "项", "at most " + MAX_ENTRIES + " entries"));
            return out;
        }
        List<String> known = eventTypes(kind);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            EventChannels e = entries.get(i);
            String at = "preferences[" + i + "]";
            if (e == null) {
                out.add(new Violation(at, "REQUIRED", "必填", "required"));
                continue;
            }
            if (e.eventType() == null || !known.contains(e.eventType())) {
                out.add(new Violation(
                        at + ".eventType",
                        "UNKNOWN_EVENT_TYPE",
                        "该类收件人无此事件类型（见 GET /notification-preferences）",
                        "not an event type of this kind of recipient (see GET /notification-preferences)"));
            } else if (!seen.add(e.eventType())) {
                out.add(new Violation(at + ".eventType", "DUPLICATE_EVENT_TYPE", "事件类型重复", "event type named twice"));
            }
            List<String> channels = e.channels();
            if (channels == null) {
                out.add(new Violation(at + ".channels", "REQUIRED", "必填", "required"));
                continue;
            }
            boolean unknown = false;
            for (int j = 0; j < channels.size(); j++) {
                if (!CHANNELS.contains(channels.get(j))) {
                    unknown = true;
                    out.add(new Violation(
                            at + ".channels[" + j + "]",
                            "UNKNOWN_CHANNEL",
                            "可选：" + String.join("、", CHANNELS),
                            "one of " + String.join(", ", CHANNELS)));
                }
            }
            if (!unknown && !channels.contains(INBOX)) {
                out.add(new Violation(
                        at + ".channels",
                        "INBOX_REQUIRED",
                        "站内消息不能关闭，须含 inbox",
                        "the inbox cannot be switched off: channels must include inbox"));
            }
        }
        return out;
    }

    /** The e-mail choice per event type of a valid replacement (absent: every channel). */
    public static Map<String, Boolean> emailByEventType(List<EventChannels> entries) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (EventChannels e : entries) {
            out.put(e.eventType(), e.email());
        }
        return out;
    }
}
