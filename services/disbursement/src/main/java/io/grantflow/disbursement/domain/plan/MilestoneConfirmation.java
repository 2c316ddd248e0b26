package io.grantflow.disbursement.domain.plan;

import java.util.Objects;

/**
 * A department's word that an instalment's milestone was reached, with its evidence (what was
 * seen, and a reference to the document). Confirmed once: the same evidence again is a replay,
 * other evidence a conflict.
 */
public record MilestoneConfirmation(String evidence, String evidenceRef, String confirmedBy) {
    /** Why a confirmation is not taken. */
    public enum Refusal {
        /** The instalment has no milestone to confirm. */
        NOT_A_MILESTONE,
        /** Confirmed before, with other evidence. */
        ALREADY_CONFIRMED,
        /** It will not be paid any more (waiting for good, or its payment is settled). */
        CLOSED
    }

    public MilestoneConfirmation {
        Objects.requireNonNull(evidence);
    }

    /** The same confirmation as {@code other}: a replay changes nothing. */
    public boolean sameAs(MilestoneConfirmation other) {
        return other != null && evidence.equals(other.evidence) && Objects.equals(evidenceRef, other.evidenceRef);
    }

    /**
     * Whether {@code proposed} may confirm an instalment of {@code condition} that has
     * {@code recorded} (null: none yet) and is still to be paid ({@code open}); null when it may
     * (or when it is the same confirmation again).
     */
    public static Refusal check(
            InstalmentCondition condition,
            MilestoneConfirmation recorded,
            boolean open,
            MilestoneConfirmation proposed) {
        if (condition != InstalmentCondition.MILESTONE) {
            return Refusal.NOT_A_MILESTONE;
        }
        if (recorded != null) {
            return recorded.sameAs(proposed) ? null : Refusal.ALREADY_CONFIRMED;
        }
        return open ? null : Refusal.CLOSED;
    }
}
