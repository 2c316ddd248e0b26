package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;

/** At most {@code max} awards of this programme per beneficiary per calendar year. */
public record AnnualCountLimit(Ref<BigDecimal> max) implements LimitRule {
    @Override
    public void check(EvaluationContext ctx) {
        EvaluationContext.Resolved<BigDecimal> m = ctx.resolve(max);
        long used = 0;
        for (HistoryItem h : ctx.mine()) {
            if (h.asOf().getYear() == ctx.year()) {
                used++;
            }
        }
        if (used >= m.value().longValue()) {
            ctx.reason(ReasonCode.ANNUAL_COUNT_REACHED);
            ctx.step(TraceText.ANNUAL_COUNT, m.reference(), used, TraceText.written(m.value()), m.note());
        }
    }

    @Override
    public String kind() {
        return "annual count";
    }
}
