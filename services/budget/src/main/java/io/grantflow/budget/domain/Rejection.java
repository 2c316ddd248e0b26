package io.grantflow.budget.domain;

/** Codes of commands the ledger cannot apply. */
public final class Rejection {
    /** The id was used before with another body. */
    public static final String IDEMPOTENCY_CONFLICT = "IDEMPOTENCY_CONFLICT";

    public static final String UNKNOWN_RESERVATION = "UNKNOWN_RESERVATION";
    /** The reservation (or that instalment) was resolved before, another way. */
    public static final String ALREADY_RESOLVED = "ALREADY_RESOLVED";
    /** More than the instalment holds, or more than was posted. */
    public static final String AMOUNT_TOO_LARGE = "AMOUNT_TOO_LARGE";

    public static final String NOT_EXPIRED = "NOT_EXPIRED";
    /** A limit below what the account already holds. */
    public static final String BELOW_COMMITTED = "BELOW_COMMITTED";

    public static final String INVALID = "INVALID";
    /** An allocation or block set for the first time after money was already reserved under it. */
    public static final String ALLOCATION_TOO_LATE = "ALLOCATION_TOO_LATE";

    private Rejection() {}
}
