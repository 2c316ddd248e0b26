package io.grantflow.disbursement.domain.plan;

/**
 * What must happen before an instalment of a payment plan is paid (besides its turn: an
 * instalment is paid only after the one before it was).
 */
public enum InstalmentCondition {
    /** Nothing: paid from its due date (the first instalment: when it is reserved). */
    NONE,
    /** Paid from 1 January of its fiscal year, when that year's budget opens. */
    FISCAL_YEAR_START,
    /** Paid once a department confirmed the milestone with evidence, and not before its due date. */
    MILESTONE
}
