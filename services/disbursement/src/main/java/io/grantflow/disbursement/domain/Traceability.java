package io.grantflow.disbursement.domain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * Whether a reservation may be paid: it must trace back to an approval. An application's
 * reservation must be the one its approval asked for, for the approved amount, beneficiary,
 * programme and department; a block grant must name two different finance officers.
 */
public final class Traceability {
    /** Why a payment is held; null members of the result mean it may go on. */
    public enum HoldReason {
        NO_MATCHING_APPROVAL,
        ALREADY_PAID,
        NOT_FOUR_EYES,
        UNKNOWN_ORIGIN
    }

    /** An approval as the applications service announced it. */
    public record ApprovalRecord(
            UUID applicationId,
            UUID reservationId,
            String applicantId,
            String programme,
            String department,
            BigDecimal amount) {}

    /** A reservation as the budget announced it. */
    public record ReservedFunds(
            UUID reservationId,
            UUID applicationId,
            String programme,
            String department,
            String beneficiaryId,
            BigDecimal amount,
            String origin,
            String proposedBy,
            String approvedBy) {}

    private Traceability() {}

    /** Null when {@code funds} matches {@code approval}; otherwise why not. */
    public static HoldReason check(ReservedFunds funds, ApprovalRecord approval) {
        if ("BLOCK_GRANT".equals(funds.origin())) {
            return funds.proposedBy() == null
                            || funds.approvedBy() == null
                            || funds.proposedBy().equals(funds.approvedBy())
                    ? HoldReason.NOT_FOUR_EYES
                    : null;
        }
        if (funds.origin() != null && !"APPLICATION".equals(funds.origin())) {
            return HoldReason.UNKNOWN_ORIGIN;
        }
        if (approval == null) {
            return HoldReason.NO_MATCHING_APPROVAL;
        }
        boolean matches = approval.applicationId().equals(funds.applicationId())
                && approval.reservationId().equals(funds.reservationId())
                && approval.applicantId().equals(funds.beneficiaryId())
                && approval.programme().equals(funds.programme())
                && (funds.department() == null || Objects.equals(approval.department(), funds.department()))
                && approval.amount().compareTo(funds.amount()) == 0;
        return matches ? null : HoldReason.NO_MATCHING_APPROVAL;
    }

    /** An application's reservation waits for its approval to be recorded (it travels on another topic). */
    public static boolean waitsForApproval(ReservedFunds funds) {
        return !"BLOCK_GRANT".equals(funds.origin());
    }
}
