package io.grantflow.budget.domain;

import java.util.UUID;

/** What the ledger is asked to do; applied one after another by the single writer. */
public sealed interface LedgerCommand {
    /** Reserve an award across every account it touches, all or nothing. */
    record Reserve(ReservationRequest request) implements LedgerCommand {}

    /**
     * Post {@code amount} (fen) of one fiscal year's instalment, releasing the rest of it. A null
     * year means the earliest instalment still pending. {@code paymentId}, when given, is the
     * posting's idempotency key.
     */
    record Post(UUID reservationId, Integer fiscalYear, long amount, String paymentId) implements LedgerCommand {
        public Post(UUID reservationId, Integer fiscalYear, long amount) {
            this(reservationId, fiscalYear, amount, null);
        }
    }

    /** Release every pending instalment of a reservation. */
    record Void(UUID reservationId, String reason) implements LedgerCommand {}

    /** Release a reservation left unspent past its expiry. */
    record Expire(UUID reservationId) implements LedgerCommand {}

    /** Return {@code amount} (fen) of posted money to the budget it was posted from. */
    record Reverse(UUID reversalId, UUID reservationId, long amount, String reason) implements LedgerCommand {}

    /** Finance sets the limit of a budget account (the fiscal year's total, an allocation, a district block). */
    record SetLimit(String accountId, AccountKind kind, int fiscalYear, long limit) implements LedgerCommand {}

    /** The reservation (or reversal) id this command is about. */
    default UUID subject() {
        if (this instanceof Reserve r) {
            return r.request().id();
        } else if (this instanceof Post p) {
            return p.reservationId();
        } else if (this instanceof Void v) {
            return v.reservationId();
        } else if (this instanceof Expire e) {
            return e.reservationId();
        } else if (this instanceof Reverse r) {
            return r.reservationId();
        }
        return null;
    }
}
