package io.grantflow.disbursement.domain.statement;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** A bank statement of the treasury's paying account: its period and its entries. */
public record BankStatement(
        String statementId, String account, LocalDate from, LocalDate to, List<StatementEntry> entries) {
    public BankStatement {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a statement ends after it begins");
        }
        entries = List.copyOf(entries);
    }
}
