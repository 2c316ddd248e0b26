package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import java.util.List;

/** Awards of this programme in one scope (a year, or ever) must differ in this fact (细分市场). */
public record DistinctLimit(String per, Scope scope) implements LimitRule {
    /** Over which awards the fact must differ. */
    public enum Scope {
        YEAR,
        EVER
    }

    @Override
    public void check(EvaluationContext ctx) {
        List<String> keys = List.of(per);
        for (HistoryItem h : ctx.mine()) {
            if ((scope == Scope.EVER || h.asOf().getYear() == ctx.year()) && ctx.sameSubject(h, keys)) {
                ctx.reason(ReasonCode.SUB_MARKET_TAKEN);
                ctx.step(TraceText.DISTINCT, ctx.programme().reference(), per, String.valueOf(ctx.fact(per)));
                return;
            }
        }
    }

    @Override
    public String kind() {
        return "distinct sub-market";
    }
}
