package io.grantflow.applications.application.audit;

import io.grantflow.applications.domain.audit.AuditChain;
import io.grantflow.applications.domain.audit.AuditEntry;
import io.grantflow.applications.persistence.AuditEntryEntity;
import io.grantflow.applications.persistence.AuditHeadEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends to the audit trail in the caller's Hibernate Reactive transaction, the one that makes
 * the change and writes its outbox row: the entry exists if and only if the change commits.
 *
 * <p>Appends run one at a time across every instance: each first locks the head row
 * ({@code SELECT ... FOR UPDATE} on {@code audit_head}), chains the entry to the head's hash and
 * moves the head to it. A second transaction waits on the lock until the first commits or rolls
 * back, so no two entries ever share a sequence number or point at the same predecessor. The
 * lock is taken before the change's own rows are written (see {@code RunProcedure}), so that
 * every writer takes the locks in the same order.
 */
@ApplicationScoped
public class AuditTrail {

    /** Appends one entry, stamped with the time it was chained; must run inside {@code Panache.withTransaction}. */
    public Uni<AuditEntry> append(AuditContext who, String action, String subject, String before, String after) {
        return AuditHeadEntity.<AuditHeadEntity>findById(AuditHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE)
                .chain(head -> {
                    if (head == null) {
                        return Uni.createFrom()
                                .failure(new IllegalStateException("audit_head has no row: is migration V6 applied?"));
                    }
                    AuditEntry entry = chained(head.seq, head.hash, who, action, subject, before, after);
                    head.seq = entry.sequence();
                    head.hash = entry.hash();
                    head.updatedAt = OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC);
                    return AuditEntryEntity.of(entry).persist().replaceWith(entry);
                });
    }

    /**
     * Appends one entry in the blocking JDBC transaction of {@code c} (the attachments, whose bytes
     * go by JDBC): the same head lock, chain and rows as {@link #append(AuditContext, String, String,
     * String, String)}, so that both kinds of writer extend one chain. {@code c} must not be in
     * auto-commit: the entry commits or rolls back with the change. An upload takes the head after
     * its rows, unlike the other writers: what it holds by then (its application's advisory lock,
     * its own new rows, a key-share lock on the application row) is nothing a head holder waits for.
     */
    public AuditEntry append(Connection c, AuditContext who, String action, String subject, String before, String after)
            throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("an audit entry is appended inside the change's transaction");
        }
        long seq;
        String hash;
        try (PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = ? FOR UPDATE")) {
            s.setShort(1, AuditHeadEntity.ID);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("audit_head has no row: is migration V6 applied?");
                }
                seq = rs.getLong(1);
                hash = rs.getString(2);
            }
        }
        AuditEntry entry = chained(seq, hash, who, action, subject, before, after);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_entry (seq, at, actor_id, actor_role, action,"
                + " subject, before_state, after_state, correlation_id, previous_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, entry.sequence());
            s.setObject(2, OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC));
            s.setString(3, entry.actorId());
            s.setString(4, entry.actorRole());
            s.setString(5, entry.action());
            s.setString(6, entry.subject());
            s.setString(7, entry.before());
            s.setString(8, entry.after());
            s.setString(9, entry.correlationId());
            s.setString(10, entry.previousHash());
            s.setString(11, entry.hash());
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ?, updated_at = ? WHERE id = ?")) {
            s.setLong(1, entry.sequence());
            s.setString(2, entry.hash());
            s.setObject(3, OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC));
            s.setShort(4, AuditHeadEntity.ID);
            s.executeUpdate();
        }
        return entry;
    }

    /** The entry after the head ({@code seq}, {@code hash}), stamped now: one form for both kinds of writer. */
    private static AuditEntry chained(
            long seq, String hash, AuditContext who, String action, String subject, String before, String after) {
        return AuditChain.append(
                seq,
                hash,
                new AuditEntry.Content(
                        Instant.now(),
                        who.actorId(),
                        who.actorRole(),
                        action,
                        subject,
                        before,
                        after,
                        who.correlationId()));
    }
}
