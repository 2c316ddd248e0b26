package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.TraceText;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** 一事一议: the text names no amount, reviewers decide it. */
public record CaseByCaseAward() implements AwardRule {
    @Override
    public Optional<BigDecimal> amount(EvaluationContext ctx) {
        ctx.step(TraceText.CASE_BY_CASE, ctx.programme().reference());
        return Optional.empty();
    }

    @Override
    public List<String> kinds() {
        return List.of("case by case, no amount");
    }
}
