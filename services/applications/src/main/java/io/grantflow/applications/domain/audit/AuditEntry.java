package io.grantflow.applications.domain.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One line of the audit trail: who (id and role) did what to which subject, when, the state
 * before and after (canonical texts the application layer writes, e.g. JSON), the request's
 * correlation id, and the chain: its sequence number, the previous entry's hash and its own
 * ({@link AuditChain#hashOf}).
 *
 * @param before absent when the action created the subject
 * @param after  absent when the action removed it
 */
public record AuditEntry(
        long sequence,
        Instant at,
        String actorId,
        String actorRole,
        String action,
        String subject,
        String before,
        String after,
        String correlationId,
        String previousHash,
        String hash) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** What is recorded, before it is chained. */
    public record Content(
            Instant at,
            String actorId,
            String actorRole,
            String action,
            String subject,
            String before,
            String after,
            String correlationId) {
        public Content {
            Objects.requireNonNull(at, "at");
            // PostgreSQL keeps microseconds: hash what the row will hold, so a stored entry verifies
            at = at.truncatedTo(ChronoUnit.MICROS);
            requireText(actorId, "actorId");
            requireText(actorRole, "actorRole");
            requireText(action, "action");
        }

        private static void requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("an audit entry needs " + name);
            }
        }
    }

    public Content content() {
        return new Content(at, actorId, actorRole, action, subject, before, after, correlationId);
    }
}
