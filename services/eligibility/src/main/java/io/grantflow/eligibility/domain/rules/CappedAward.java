package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Any award with a cap (最高……万元): the smaller of the two. */
public record CappedAward(AwardRule award, Ref<BigDecimal> cap) implements AwardRule {
    @Override
    public Optional<BigDecimal> amount(EvaluationContext ctx) {
        Optional<BigDecimal> amount = award.amount(ctx);
        if (amount.isEmpty()) {
            return amount;
        }
        EvaluationContext.Resolved<BigDecimal> c = ctx.resolve(cap);
        BigDecimal capped = amount.get().min(c.value());
        ctx.step(TraceText.CAP, c.reference(), TraceText.written(c.value()), capped, c.note());
        return Optional.of(capped);
    }

    @Override
    public void whenZero(EvaluationContext ctx) {
        award.whenZero(ctx);
    }

    @Override
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>(award.kinds());
        kinds.add("cap");
        return kinds;
    }
}
