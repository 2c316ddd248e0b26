package io.grantflow.eligibility.domain.rules;

import java.math.BigDecimal;

/**
 * A limit that reads the applicant's history of awards: one class per kind (once, annual cap,
 * cumulative cap, combined cap, exclusivity group, annual count, distinct sub-market). The engine
 * calls every limit in three phases; a kind implements those it takes part in.
 */
public interface LimitRule {
    /** Phase 1, before any amount: the reasons the history gives (already awarded, a count reached). */
    default void check(EvaluationContext ctx) {}

    /**
     * Phase 2, after the amount: the amount lowered to what this limit leaves (a cap used up is a
     * reason), and the limit the budget must hold. {@code amount} is null when there is none.
     */
    default BigDecimal cap(EvaluationContext ctx, BigDecimal amount) {
        return amount;
    }

    /** Phase 3, once eligible: limits the budget must hold after the general ones (G4). */
    default void claim(EvaluationContext ctx) {}

    /** The kind of limit, for the coverage page. */
    String kind();
}
