package io.grantflow.applications.application.audit;

import io.grantflow.applications.domain.audit.AuditChain;
import io.grantflow.applications.domain.audit.AuditEntry;
import io.grantflow.applications.persistence.AuditEntryEntity;
import io.grantflow.applications.persistence.AuditHeadEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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
                    AuditEntry entry = AuditChain.append(
                            head.seq,
                            head.hash,
                            new AuditEntry.Content(
                                    Instant.now(),
                                    who.actorId(),
                                    who.actorRole(),
                                    action,
                                    subject,
                                    before,
                                    after,
                                    who.correlationId()));
                    head.seq = entry.sequence();
                    head.hash = entry.hash();
                    head.updatedAt = OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC);
                    return AuditEntryEntity.of(entry).persist().replaceWith(entry);
                });
    }
}
