package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** At most a fixed amount (给予最高……万元奖励). */
public record FixedAward(Ref<BigDecimal> amount) implements AwardRule {
    @Override
    public Optional<BigDecimal> amount(EvaluationContext ctx) {
        EvaluationContext.Resolved<BigDecimal> r = ctx.resolve(amount);
        ctx.step(TraceText.FIXED, r.reference(), TraceText.written(r.value()), r.note());
        return Optional.of(r.value());
    }

    @Override
    public List<String> kinds() {
        return List.of("fixed");
    }
}
