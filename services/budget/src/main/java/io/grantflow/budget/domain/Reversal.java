package io.grantflow.budget.domain;

import java.time.Instant;
import java.util.UUID;

/** A clawback (追回) returning posted money of one reservation; its id is the idempotency key. */
public record Reversal(
        UUID id, UUID reservationId, long amount, String reason, String fingerprint, Instant at, boolean created) {
    public static String fingerprintOf(UUID reservationId, long amount, String reason) {
        return Fingerprints.sha256(reservationId + "|" + amount + "|" + reason);
    }
}
