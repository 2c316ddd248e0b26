package io.grantflow.eligibility.domain.rules;

import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.util.List;

/** 累计最高: per subject (a fact such as platform_ref) in this programme, ever. */
public final class CumulativeCapLimit extends CapLimit {
    private final String per;

    public CumulativeCapLimit(String per, Ref<BigDecimal> amount) {
        super(amount, LimitKind.SUBJECT_CUMULATIVE, ReasonCode.CUMULATIVE_CAP_REACHED, TraceText.CUMULATIVE_CAP);
        this.per = per;
    }

    public String per() {
        return per;
    }

    @Override
    protected List<HistoryItem> counted(EvaluationContext ctx) {
        List<String> keys = List.of(per);
        return ctx.mine().stream().filter(h -> ctx.sameSubject(h, keys)).toList();
    }

    @Override
    protected String key(EvaluationContext ctx) {
        return LimitKind.subjectKey(ctx.programme().code(), ctx.fact(per));
    }

    @Override
    public String kind() {
        return "cumulative cap";
    }
}
