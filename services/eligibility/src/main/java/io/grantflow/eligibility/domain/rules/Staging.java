package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.Instalment;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import io.grantflow.eligibility.domain.catalogue.StagePlan;
import io.grantflow.platform.money.Staged;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A staged award (分期拨付): the ceiling split by the plan's shares with platform's Staged.split,
 * the last instalment taking what rounding left.
 */
public record Staging(Ref<StagePlan> plan) {
    public List<Instalment> instalments(EvaluationContext ctx, BigDecimal ceiling) {
        EvaluationContext.Resolved<StagePlan> p = ctx.resolve(plan);
        List<StagePlan.Stage> stages = p.value().stages();
        List<BigDecimal> shares = stages.stream().map(StagePlan.Stage::share).toList();
        // the one split of a staged award, the same as the approval's
        List<BigDecimal> amounts = Staged.split(ceiling, shares);
        List<Instalment> result = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            result.add(new Instalment(
                    stages.get(i).year(),
                    amounts.get(i),
                    shares.get(i),
                    stages.get(i).condition()));
        }
        ctx.step(TraceText.STAGING, p.reference(), stages.size(), p.note());
        return List.copyOf(result);
    }
}
