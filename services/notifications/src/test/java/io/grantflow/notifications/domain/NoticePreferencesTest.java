package io.grantflow.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.grantflow.notifications.domain.NoticePreferences.EventChannels;
import io.grantflow.notifications.domain.NoticePreferences.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticePreferencesTest {
    private static final String SUBMITTED = "application.status_changed:SUBMITTED";
    private static final String CLAIM = "application.status_changed:UNDER_REVIEW/claim";

    @Test
    void eachKindListsTheEventTypesItCanReceive() {
        // each application change the kind hears of, and each recovery of a recovery order (ADR 0029)
        assertThat(NoticePreferences.eventTypes(Recipient.Kind.ENTERPRISE))
                .hasSize(NoticeTemplates.ENTERPRISE_KEYS.size() + 1)
                .contains(SUBMITTED, CLAIM, "recovery.recorded")
                .isSorted();
        assertThat(NoticePreferences.eventTypes(Recipient.Kind.DEPARTMENT))
                .hasSize(NoticeTemplates.DEPARTMENT_KEYS.size() + 1)
                .contains("application.status_changed:APPROVED/city_approve", "recovery.recorded");
        assertThat(NoticePreferences.eventTypes(Recipient.Kind.CITY))
                .containsExactly("application.status_changed:AWAITING_CITY_APPROVAL");
        assertThat(NoticePreferences.eventTypes(Recipient.Kind.FINANCE))
                .containsExactly(
                        "budget.funds_reversed", "budget.reservation_refused", "payment.completed", "payment.failed");
        for (Recipient.Kind kind : Recipient.Kind.values()) {
            assertThat(NoticePreferences.eventTypes(kind)).allMatch(t -> t.length() <= 100);
            assertThat(NoticePreferences.eventTypes(kind)).hasSizeLessThanOrEqualTo(NoticePreferences.MAX_ENTRIES);
        }
    }

    @Test
    void aPlannedNoticeIsNamedByItsTemplateKeyOrItsEventType() {
        Recipient alpha = Recipient.enterprise("91320214AY4CL12T29");
        assertThat(NoticePreferences.eventTypeOf(new NoticeTemplates.Planned(
                        alpha, NoticeEvents.APPLICATION_STATUS_CHANGED, "enterprise/UNDER_REVIEW.claim", Map.of())))
                .isEqualTo(CLAIM);
        assertThat(NoticePreferences.eventTypeOf(new NoticeTemplates.Planned(
                        alpha, NoticeEvents.APPLICATION_STATUS_CHANGED, "enterprise/SUBMITTED", Map.of())))
                .isEqualTo(SUBMITTED);
        assertThat(NoticePreferences.eventTypeOf(NoticeTemplates.forFinance(NoticeEvents.PAYMENT_FAILED, Map.of())))
                .isEqualTo(NoticeEvents.PAYMENT_FAILED);
        // every planned notice of a known key is one its recipient can switch
        NoticeTemplates.Change change =
                new NoticeTemplates.Change("ELIGIBLE", "UNDER_REVIEW", "claim", "P", "a", alpha.id(), null, null, null);
        for (NoticeTemplates.Planned p : NoticeTemplates.forChange(change, List.of("industry"))) {
            assertThat(NoticePreferences.eventTypes(p.recipient().kind())).contains(NoticePreferences.eventTypeOf(p));
        }
        for (NoticeTemplates.Planned p : NoticeTemplates.forRecovery(alpha.id(), "industry", Map.of())) {
            assertThat(NoticePreferences.eventTypes(p.recipient().kind())).contains(NoticePreferences.eventTypeOf(p));
        }
    }

    @Test
    void whatIsNotStoredGoesByEveryChannel() {
        List<EventChannels> all = NoticePreferences.effective(Recipient.Kind.ENTERPRISE, Map.of(SUBMITTED, false));
        assertThat(all).hasSize(NoticeTemplates.ENTERPRISE_KEYS.size() + 1);
        assertThat(all)
                .filteredOn(e -> e.eventType().equals(SUBMITTED))
                .extracting(EventChannels::channels)
                .containsExactly(List.of("inbox"));
        assertThat(all)
                .filteredOn(e -> e.eventType().equals(CLAIM))
                .extracting(EventChannels::channels)
                .containsExactly(List.of("inbox", "email"));
    }

    @Test
    void aValidReplacementBreaksNoRule() {
        assertThat(NoticePreferences.check(
                        Recipient.Kind.ENTERPRISE,
                        List.of(
                                new EventChannels(SUBMITTED, List.of("inbox")),
                                new EventChannels(CLAIM, List.of("email", "inbox")))))
                .isEmpty();
        assertThat(NoticePreferences.check(Recipient.Kind.ENTERPRISE, List.of()))
                .isEmpty();
    }

    @Test
    void anUnknownEventTypeOrChannelIsNamedByItsField() {
        List<Violation> v = NoticePreferences.check(
                Recipient.Kind.ENTERPRISE,
                List.of(
                        new EventChannels("payment.completed", List.of("inbox")), // finance's, not an enterprise's
                        new EventChannels(SUBMITTED, List.of("inbox", "sms"))));
        assertThat(v)
                .extracting(Violation::field)
                .containsExactly("preferences[0].eventType", "preferences[1].channels[1]");
        assertThat(v).extracting(Violation::code).containsExactly("UNKNOWN_EVENT_TYPE", "UNKNOWN_CHANNEL");
        assertThat(v).allMatch(x -> !x.messageZh().isBlank() && !x.messageEn().isBlank());
    }

    @Test
    void theInboxCannotBeSwitchedOff() {
        assertThat(NoticePreferences.check(
                        Recipient.Kind.CITY,
                        List.of(new EventChannels(
                                "application.status_changed:AWAITING_CITY_APPROVAL", List.of("email")))))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("preferences[0].channels", "INBOX_REQUIRED"));
    }

    @Test
    void anEventTypeNamedTwiceOrTooManyEntriesAreRefused() {
        assertThat(NoticePreferences.check(
                        Recipient.Kind.ENTERPRISE,
                        List.of(
                                new EventChannels(SUBMITTED, List.of("inbox")),
                                new EventChannels(SUBMITTED, List.of("inbox", "email")))))
                .extracting(Violation::code)
                .containsExactly("DUPLICATE_EVENT_TYPE");
        List<EventChannels> many = new ArrayList<>();
        for (int i = 0; i <= NoticePreferences.MAX_ENTRIES; i++) {
            many.add(new EventChannels(SUBMITTED, List.of("inbox")));
        }
        assertThat(NoticePreferences.check(Recipient.Kind.ENTERPRISE, many))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("preferences", "TOO_MANY"));
        assertThat(NoticePreferences.check(Recipient.Kind.ENTERPRISE, null))
                .extracting(Violation::code)
                .containsExactly("REQUIRED");
    }
}
