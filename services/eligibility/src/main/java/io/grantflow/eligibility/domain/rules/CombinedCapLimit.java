package io.grantflow.eligibility.domain.rules;

import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.util.List;

/** 合计最高: all awards of this programme to the beneficiary, ever. */
public final class CombinedCapLimit extends CapLimit {
    public CombinedCapLimit(Ref<BigDecimal> amount) {
        super(amount, LimitKind.BENEFICIARY_PROGRAMME_TOTAL, ReasonCode.COMBINED_CAP_REACHED, TraceText.COMBINED_CAP);
    }

    @Override
    protected List<HistoryItem> counted(EvaluationContext ctx) {
        return ctx.mine();
    }

    @Override
    protected String key(EvaluationContext ctx) {
        return LimitKind.beneficiaryProgrammeKey(
                ctx.applicant().id(), ctx.programme().code());
    }

    @Override
    public String kind() {
        return "combined cap";
    }
}
