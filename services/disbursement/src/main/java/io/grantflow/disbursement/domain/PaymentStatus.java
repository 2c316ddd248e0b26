package io.grantflow.disbursement.domain;

/**
 * A payment waits for the approval it must trace back to, then (an application's) for the
 * application's clearance, is instructed, sent (the treasury accepted it), then settled once:
 * paid (in full or for the part the treasury confirmed) or failed. It is held (never
 * paid, shown to operators) when it matches no approval or would pay an instalment a second time;
 * held until a person verifies its payee's account (PAYEE_UNVERIFIED, ADR 0027), then instructed;
 * and cancelled when its reservation is released or its application refuses it before it is sent.
 */
public enum PaymentStatus {
    AWAITING_APPROVAL,
    AWAITING_CLEARANCE,
    INSTRUCTED,
    /** The treasury accepted the order and has not confirmed it yet. */
    SENT,
    PAID,
    FAILED,
    HELD,
    CANCELLED
}
