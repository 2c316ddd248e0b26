package io.grantflow.budget.domain;

import java.util.List;

/**
 * What one command did. {@code replay} is true when the command had been applied before (the same
 * idempotency key and body): the first result is returned and nothing changes.
 */
public sealed interface LedgerResult {
    boolean replay();

    record Reserved(Reservation reservation, boolean replay) implements LedgerResult {}

    /** Refused by a limit: {@code refusal} names the first account, {@code violations} every one. */
    record Refused(Reservation reservation, Refusal refusal, List<Refusal> violations, boolean replay)
            implements LedgerResult {}

    record Posted(Reservation reservation, int fiscalYear, long posted, long released, boolean replay)
            implements LedgerResult {}

    record Voided(Reservation reservation, long released, String reason, boolean replay) implements LedgerResult {}

    record Expired(Reservation reservation, long released, boolean replay) implements LedgerResult {}

    record Reversed(Reservation reservation, Reversal reversal, boolean replay) implements LedgerResult {}

    /** {@code limit} is the limit this command set (the account may change later in the batch). */
    record LimitSet(Account account, long limit, boolean replay) implements LedgerResult {}

    /** The message was seen before by this consumer: nothing to do. */
    record Duplicate() implements LedgerResult {
        @Override
        public boolean replay() {
            return true;
        }
    }

    /**
     * The command cannot be applied: {@code code} is one of {@link Rejection}'s codes; nothing
     * changed. {@code zh}/{@code en} say why to a person.
     */
    record Rejected(String code, String zh, String en) implements LedgerResult {
        @Override
        public boolean replay() {
            return false;
        }
    }
}
