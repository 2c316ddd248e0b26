package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Decimals;
import io.grantflow.eligibility.domain.catalogue.Ref;
import io.grantflow.eligibility.domain.catalogue.TierTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * An amount per value of a fact: per enum value (分别给予), or per threshold, where the highest
 * threshold met decides (达到……的，给予). Below every threshold the programme is not met.
 */
public record TiersAward(String by, Ref<TierTable> table) implements AwardRule {
    @Override
    public Optional<BigDecimal> amount(EvaluationContext ctx) {
        EvaluationContext.Resolved<TierTable> t = ctx.resolve(table);
        Object value = ctx.fact(by);
        TierTable.Tier chosen = null;
        if (t.value().byKey()) {
            String key = String.valueOf(value);
            for (TierTable.Tier tier : t.value().tiers()) {
                if (tier.key().equals(key)) {
                    chosen = tier;
                }
            }
        } else {
            BigDecimal number = Decimals.decimal(value);
            // the thresholds ascend (checked at load): the last one met is the highest
            for (TierTable.Tier tier : t.value().tiers()) {
                if (number != null && number.compareTo(tier.min()) >= 0) {
                    chosen = tier;
                }
            }
        }
        if (chosen == null) {
            ctx.reason(ReasonCode.THRESHOLD_NOT_MET);
            ctx.step(TraceText.TIER_NONE, t.reference(), by, value, t.note());
            return Optional.empty();
        }
        String name = chosen.key() != null ? chosen.key() : "≥ " + chosen.min().toPlainString();
        ctx.step(TraceText.TIER, t.reference(), by, value, name, chosen.amount(), t.note());
        return Optional.of(chosen.amount());
    }

    @Override
    public List<String> kinds() {
        return List.of("tiers");
    }
}
