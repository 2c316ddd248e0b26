package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** rate × base: a share of an amount the applicant states (按……费用的30%给予补助). */
public record RateAward(String base, Ref<BigDecimal> rate) implements AwardRule {
    @Override
    public Optional<BigDecimal> amount(EvaluationContext ctx) {
        BigDecimal value = ctx.amount(base);
        EvaluationContext.Resolved<BigDecimal> r = ctx.resolve(rate);
        BigDecimal computed = value.multiply(r.value());
        ctx.step(TraceText.RATE, r.reference(), TraceText.written(r.value()), base, value, computed, r.note());
        return Optional.of(computed);
    }

    @Override
    public List<String> kinds() {
        return List.of("rate × base");
    }
}
