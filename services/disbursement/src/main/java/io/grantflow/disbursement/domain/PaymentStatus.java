package io.grantflow.disbursement.domain;

/**
 * A payment waits for the approval it must trace back to, is instructed, then settled once: paid
 * or failed. It is held (never paid, shown to operators) when it matches no approval or would pay
 * an instalment a second time, and cancelled when its reservation is released before it is sent.
 */
public enum PaymentStatus {
    AWAITING_APPROVAL,
    INSTRUCTED,
    PAID,
    FAILED,
    HELD,
    CANCELLED
}
