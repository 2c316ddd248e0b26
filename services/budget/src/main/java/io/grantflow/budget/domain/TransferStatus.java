package io.grantflow.budget.domain;

/** A transfer is created PENDING (or REFUSED) and resolved at most once. */
public enum TransferStatus {
    PENDING, POSTED, VOIDED, REFUSED;

    public boolean isResolved() {
        return this != PENDING;
    }
}
