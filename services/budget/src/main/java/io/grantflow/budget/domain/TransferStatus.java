package io.grantflow.budget.domain;

/**
 * A reservation is created PENDING (or REFUSED) and resolved at most once: POSTED (spent, in
 * full or in part), VOIDED (released on purpose) or EXPIRED (left too long). A reversal is a
 * transfer of its own, REVERSED when applied.
 */
public enum TransferStatus {
    PENDING,
    POSTED,
    VOIDED,
    EXPIRED,
    REFUSED,
    REVERSED;

    public boolean isResolved() {
        return this != PENDING;
    }
}
