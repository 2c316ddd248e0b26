package io.grantflow.notifications.domain;

import java.util.List;

/**
 * The kinds of event a notice tells of: what an inbox filters by ({@code eventType}) and what a
 * recipient's preferences name. A fixed list, so that a preference never names a kind that will
 * never come.
 */
public final class NoticeEvents {
    private NoticeEvents() {}

    /** A change of an application (ApplicationStatusChangedV1). */
    public static final String APPLICATION_STATUS_CHANGED = "application.status_changed";
    /** The treasury paid (PaymentCompletedV1). */
    public static final String PAYMENT_COMPLETED = "payment.completed";
    /** The treasury refused a payment (PaymentFailedV1). */
    public static final String PAYMENT_FAILED = "payment.failed";
    /** The budget refused a reservation (ReservationRefusedV1). */
    public static final String RESERVATION_REFUSED = "budget.reservation_refused";
    /** Money clawed back returned to the budget (FundsReversedV1). */
    public static final String FUNDS_REVERSED = "budget.funds_reversed";

    /** Money of a recovery order came back: withheld from a payment or repaid (RecoveryRecordedV1, ADR 0029). */
    public static final String RECOVERY_RECORDED = "recovery.recorded";

    public static final List<String> TYPES = List.of(
            APPLICATION_STATUS_CHANGED,
            PAYMENT_COMPLETED,
            PAYMENT_FAILED,
            RESERVATION_REFUSED,
            FUNDS_REVERSED,
            RECOVERY_RECORDED);

    public static boolean known(String type) {
        return TYPES.contains(type);
    }
}
