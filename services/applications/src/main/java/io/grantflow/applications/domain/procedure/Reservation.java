package io.grantflow.applications.domain.procedure;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The budget reservation an approval asked for. {@link Status#REQUESTED} until the budget
 * answers; a payment proves it was reserved even when the budget's answer (another topic) has
 * not arrived yet. {@code paymentUnderWay} is the payment order disbursement was cleared to send
 * and has not reported on yet: while it is set, the enterprise can no longer withdraw.
 */
public record Reservation(UUID id, BigDecimal amount, Status status, UUID paymentUnderWay) {
    /** Whether the budget has confirmed it. */
    public enum Status {
        REQUESTED,
        RESERVED
    }

    public Reservation(UUID id, BigDecimal amount, Status status) {
        this(id, amount, status, null);
    }

    public Reservation reserved() {
        return new Reservation(id, amount, Status.RESERVED, paymentUnderWay);
    }

    /** Disbursement may send payment {@code paymentId}. */
    public Reservation paying(UUID paymentId) {
        return new Reservation(id, amount, status, paymentId);
    }

    /** The payment under way was completed or failed. */
    public Reservation paymentSettled() {
        return new Reservation(id, amount, status, null);
    }
}
