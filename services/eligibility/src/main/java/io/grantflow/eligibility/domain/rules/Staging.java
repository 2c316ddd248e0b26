package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.Instalment;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import io.grantflow.eligibility.domain.catalogue.StagePlan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** A staged award (分期拨付): the ceiling split by the plan's shares, the last instalment taking what rounding left. */
public record Staging(Ref<StagePlan> plan) {
    public List<Instalment> instalments(EvaluationContext ctx, BigDecimal ceiling) {
        EvaluationContext.Resolved<StagePlan> p = ctx.resolve(plan);
        List<StagePlan.Stage> stages = p.value().stages();
        List<Instalment> result = new ArrayList<>(stages.size());
        BigDecimal left = ceiling;
        for (int i = 0; i < stages.size(); i++) {
            StagePlan.Stage stage = stages.get(i);
            BigDecimal amount = i == stages.size() - 1 ? left : ceiling.multiply(stage.share()).setScale(2, RoundingMode.DOWN);
            left = left.subtract(amount);
            result.add(new Instalment(stage.year(), amount, stage.share()));
        }
        ctx.step(TraceText.STAGING, p.reference(), stages.size(), p.note());
        return List.copyOf(result);
    }
}
