package io.grantflow.budget.domain;

import java.util.UUID;

/** One append-only movement on one account, caused by one transfer (a reservation or a reversal). */
public record Entry(UUID transferId, String accountId, EntryKind kind, long amount) {
    public Entry {
        if (amount <= 0) {
            throw new IllegalArgumentException("an entry moves a positive amount: " + amount);
        }
    }
}
