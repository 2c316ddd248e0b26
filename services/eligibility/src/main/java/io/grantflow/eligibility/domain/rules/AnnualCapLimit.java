package io.grantflow.eligibility.domain.rules;

import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.util.List;

/** 每年最高: per beneficiary per calendar year in this programme. */
public final class AnnualCapLimit extends CapLimit {
    public AnnualCapLimit(Ref<BigDecimal> amount) {
        super(amount, LimitKind.BENEFICIARY_PROGRAMME_YEAR, ReasonCode.ANNUAL_CAP_REACHED, TraceText.ANNUAL_CAP);
    }

    @Override
    protected List<HistoryItem> counted(EvaluationContext ctx) {
        return ctx.mine().stream().filter(h -> h.asOf().getYear() == ctx.year()).toList();
    }

    @Override
    protected String key(EvaluationContext ctx) {
        return LimitKind.beneficiaryProgrammeYearKey(
                ctx.applicant().id(), ctx.programme().code(), ctx.year());
    }

    @Override
    public String kind() {
        return "annual cap";
    }
}
