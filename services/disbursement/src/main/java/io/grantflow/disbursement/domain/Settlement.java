package io.grantflow.disbursement.domain;

import java.math.BigDecimal;

/**
 * What a payment becomes on the treasury's answer. Plain rules, so that the worker, a retry after
 * a time-out and a late or repeated confirmation all decide alike:
 *
 * <ul>
 *   <li>confirmed for the ordered amount: paid; for less: paid for what was confirmed (the budget
 *       posts that part and releases the rest); for more than ordered: held for finance, since
 *       nothing may post more than was reserved and approved;
 *   <li>accepted: sent, waiting for the confirmation (asked again later);
 *   <li>rejected: failed, with the treasury's reason;
 *   <li>unknown (the treasury never got it): send the order again, under the same key.
 * </ul>
 *
 * Only a payment still open (instructed or sent) is settled; any answer for a settled one
 * changes nothing.
 */
public final class Settlement {
    private Settlement() {}

    /** The decision. {@code paidAmount} is set for PAID. */
    public record Decision(Kind kind, BigDecimal paidAmount) {
        public enum Kind {
            PAID,
            PARTLY_CONFIRMED,
            HELD_ABOVE_ORDER,
            SENT,
            FAILED,
            SEND_AGAIN,
            NOTHING
        }
    }

    public static Decision decide(PaymentStatus status, BigDecimal ordered, TreasuryResult answer) {
        if (status != PaymentStatus.INSTRUCTED && status != PaymentStatus.SENT) {
            return new Decision(Decision.Kind.NOTHING, null);
        }
        switch (answer.outcome()) {
            case CONFIRMED: {
                int c = answer.confirmedAmount().compareTo(ordered);
                if (c == 0) {
                    return new Decision(Decision.Kind.PAID, ordered);
                }
                if (c < 0 && answer.confirmedAmount().signum() > 0) {
                    return new Decision(Decision.Kind.PARTLY_CONFIRMED, answer.confirmedAmount());
                }
                return new Decision(Decision.Kind.HELD_ABOVE_ORDER, null);
            }
            case ACCEPTED:
                return new Decision(Decision.Kind.SENT, null);
            case REJECTED:
                return new Decision(Decision.Kind.FAILED, null);
            default:
                // a sent order the treasury says it never got cannot be: ask again later, never resend it
                return new Decision(
                        status == PaymentStatus.SENT ? Decision.Kind.NOTHING : Decision.Kind.SEND_AGAIN, null);
        }
    }
}
