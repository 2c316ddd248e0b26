package io.grantflow.disbursement.domain.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One booked entry of a bank statement. {@code reference} is what the payer put on the transfer
 * (our order key, or the treasury's reference); {@code bankReference} the bank's own.
 */
public record StatementEntry(
        int line,
        String reference,
        String bankReference,
        BigDecimal amount,
        String currency,
        LocalDate bookedOn,
        boolean debit,
        String counterparty) {
    public StatementEntry {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(bookedOn, "bookedOn");
        if (amount.signum() <= 0 || amount.scale() != 2) {
            throw new IllegalArgumentException("an entry's amount is positive, in fen: " + amount);
        }
    }
}
