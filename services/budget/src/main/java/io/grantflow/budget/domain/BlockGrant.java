package io.grantflow.budget.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A district block grant (拨改转) on its way to a reservation: proposed by one finance officer,
 * then approved by another (never the proposer: four-eyes) or rejected. An approval that the
 * budget refuses ends REFUSED; a new proposal is a new grant.
 */
public record BlockGrant(
        UUID id,
        String programme,
        String department,
        String district,
        int fiscalYear,
        long amount,
        List<InstalmentPlan> instalments,
        String reason,
        Status status,
        String fingerprint,
        String proposedBy,
        Instant proposedAt,
        String decidedBy,
        Instant decidedAt,
        String decisionNote) {

    /** Where a block grant stands. */
    public enum Status {
        PROPOSED,
        APPROVED,
        REFUSED,
        REJECTED
    }

    public BlockGrant {
        Objects.requireNonNull(id);
        Objects.requireNonNull(proposedBy);
        instalments = instalments == null ? List.of() : List.copyOf(instalments);
    }

    /** Why {@code approver} may not approve it now, or null when it may. */
    public String approvalRefusal(String approver) {
        if (status != Status.PROPOSED) {
            return "NOT_PROPOSED";
        }
        if (proposedBy.equals(approver)) {
            return "FOUR_EYES";
        }
        return null;
    }

    public BlockGrant decided(Status to, String by, Instant at, String note) {
        return new BlockGrant(
                id,
                programme,
                department,
                district,
                fiscalYear,
                amount,
                instalments,
                reason,
                to,
                fingerprint,
                proposedBy,
                proposedAt,
                by,
                at,
                note);
    }

    /** A canonical text of the proposal: the same id with another body is a conflict. */
    public static String fingerprintOf(
            String programme,
            String department,
            String district,
            int fiscalYear,
            long amount,
            List<InstalmentPlan> instalments,
            String reason) {
        StringBuilder b = new StringBuilder()
                .append(programme)
                .append('|')
                .append(department)
                .append('|')
                .append(district)
                .append('|')
                .append(fiscalYear)
                .append('|')
                .append(amount)
                .append('|');
        instalments.stream()
                .sorted(Comparator.comparingInt(InstalmentPlan::fiscalYear))
                .forEach(i ->
                        b.append(i.fiscalYear()).append(':').append(i.amount()).append(','));
        return Fingerprints.sha256(b.append('|').append(reason).toString());
    }
}
