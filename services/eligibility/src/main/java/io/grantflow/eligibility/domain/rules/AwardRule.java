package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * How a programme computes its amount: one class per kind of award (rate × base, fixed, tiers,
 * brackets, case by case, sum of parts, a cap around any of them). A new kind of award is a new
 * class; the engine does not know the kinds.
 */
public interface AwardRule {
    /**
     * The amount before rounding, with its trace steps; empty when the rule names no amount, or
     * when none is met (the rule then leaves the reason).
     */
    Optional<BigDecimal> amount(EvaluationContext ctx);

    /** What a computed amount of zero means: by default no award at all. */
    default void whenZero(EvaluationContext ctx) {
        ctx.reason(ReasonCode.THRESHOLD_NOT_MET);
        ctx.step(TraceText.ZERO_AMOUNT, ctx.programme().reference());
    }

    /** The kinds of rule this award uses, for the coverage page. */
    List<String> kinds();

    /** The rule's amount rounded down to the fen, as every award and every part of a sum is. */
    static Optional<BigDecimal> evaluate(AwardRule rule, EvaluationContext ctx) {
        return rule.amount(ctx).map(a -> a.setScale(2, RoundingMode.DOWN));
    }
}
