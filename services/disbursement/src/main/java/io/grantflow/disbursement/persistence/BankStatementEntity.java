package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An imported bank statement (table {@code bank_statement}); its entries are {@link StatementEntryEntity}. */
@Entity
@Table(name = "bank_statement")
public class BankStatementEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    public String sha256;
    public String format;

    @Column(name = "statement_ref")
    public String statementRef;

    public String account;

    @Column(name = "period_from")
    public LocalDate periodFrom;

    @Column(name = "period_to")
    public LocalDate periodTo;

    public int entries;

    @Column(name = "debit_total", precision = 17, scale = 2)
    public BigDecimal debitTotal;

    @Column(name = "credit_total", precision = 17, scale = 2)
    public BigDecimal creditTotal;

    @Column(name = "imported_by")
    public String importedBy;

    @Column(name = "imported_at")
    public OffsetDateTime importedAt;
}
