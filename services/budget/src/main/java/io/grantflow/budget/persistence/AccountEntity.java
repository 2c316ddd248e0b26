package io.grantflow.budget.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A limit as a ledger account (table {@code account}). Balances change only through {@link Ledger}. */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String kind;
    @Column(name = "fiscal_year")
    public int fiscalYear;
    @Column(name = "limit_amount", precision = 15, scale = 2)
    public BigDecimal limitAmount;
    @Column(precision = 15, scale = 2)
    public BigDecimal pending;
    @Column(precision = 15, scale = 2)
    public BigDecimal posted;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
