package io.grantflow.budget.domain;

/**
 * Why a reservation was refused: the code, the account that would go over its limit, what was
 * left on it and what was asked (both in the account's unit).
 */
public record Refusal(String code, String account, AccountKind.Unit unit, long headroom, long requested) {
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";
    public static final String NO_BUDGET = "NO_BUDGET";
    public static final String CEILING_EXCEEDED = "CEILING_EXCEEDED";
}
