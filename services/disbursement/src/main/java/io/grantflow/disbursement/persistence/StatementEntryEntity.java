package io.grantflow.disbursement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** One booked entry of an imported statement (table {@code statement_entry}). */
@Entity
@Table(name = "statement_entry")
public class StatementEntryEntity extends PanacheEntityBase {
    @EmbeddedId
    public Key key;

    public String reference;

    @Column(name = "bank_reference")
    public String bankReference;

    @Column(precision = 15, scale = 2)
    public BigDecimal amount;

    public String currency;

    @Column(name = "booked_on")
    public LocalDate bookedOn;

    public boolean debit;
    public String counterparty;

    /** The statement and the entry's line (CSV) or position (camt.053). */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "statement_id")
        public UUID statementId;

        public int line;

        public Key() {}

        public Key(UUID statementId, int line) {
            this.statementId = statementId;
            this.line = line;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.line == line && Objects.equals(k.statementId, statementId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(statementId, line);
        }
    }
}
