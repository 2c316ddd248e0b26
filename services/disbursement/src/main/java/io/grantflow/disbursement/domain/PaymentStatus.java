package io.grantflow.disbursement.domain;

/** A payment is instructed, then settled once: paid or failed. */
public enum PaymentStatus {
    INSTRUCTED, PAID, FAILED
}
