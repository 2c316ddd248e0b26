package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import java.util.List;

/** 首次, 一次性: one award per beneficiary and these facts (none: once per beneficiary). */
public record OnceLimit(List<String> per) implements LimitRule {
    public OnceLimit {
        per = List.copyOf(per);
    }

    @Override
    public void check(EvaluationContext ctx) {
        for (HistoryItem h : ctx.mine()) {
            if (ctx.sameSubject(h, per)) {
                ctx.reason(ReasonCode.ALREADY_AWARDED);
                ctx.step(TraceText.ONCE, ctx.programme().reference(), per);
                return;
            }
        }
    }

    @Override
    public String kind() {
        return "first-time/one-off";
    }
}
