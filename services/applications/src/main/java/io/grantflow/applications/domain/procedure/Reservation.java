package io.grantflow.applications.domain.procedure;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The budget reservation an approval asked for. {@link Status#REQUESTED} until the budget
 * answers; a payment proves it was reserved even when the budget's answer (another topic) has
 * not arrived yet.
 */
public record Reservation(UUID id, BigDecimal amount, Status status) {
    /** Whether the budget has confirmed it. */
    public enum Status {
        REQUESTED,
        RESERVED
    }

    public Reservation reserved() {
        return new Reservation(id, amount, Status.RESERVED);
    }
}
