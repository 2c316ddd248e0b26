package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.BracketTable;
import io.grantflow.eligibility.domain.catalogue.Decimals;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Progressive brackets over a base (分段累进), each bracket's rate raised by an uplift (points)
 * when any of the listed boolean facts is true (上浮).
 */
public record BracketsAward(String base, Ref<BracketTable> table, Ref<BigDecimal> uplift, List<String> upliftIfAny)
        implements AwardRule {
    public BracketsAward {
        upliftIfAny = List.copyOf(upliftIfAny);
    }

    @Override
    public Optional<BigDecimal> amount(EvaluationContext ctx) {
        BigDecimal value = ctx.amount(base);
        EvaluationContext.Resolved<BracketTable> t = ctx.resolve(table);
        EvaluationContext.Resolved<BigDecimal> u = null;
        if (uplift != null && upliftIfAny.stream().anyMatch(f -> Boolean.TRUE.equals(ctx.fact(f)))) {
            u = ctx.resolve(uplift);
        }
        BigDecimal raise = u == null ? BigDecimal.ZERO : u.value();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal lower = BigDecimal.ZERO;
        StringBuilder formula = new StringBuilder();
        for (BracketTable.Bracket bracket : t.value().brackets()) {
            BigDecimal top = bracket.upto() == null ? value : value.min(bracket.upto());
            if (top.compareTo(lower) > 0) {
                BigDecimal rate = bracket.rate().add(raise);
                BigDecimal width = top.subtract(lower);
                total = total.add(width.multiply(rate));
                formula.append(formula.length() == 0 ? "" : " + ")
                        .append(Decimals.show(rate))
                        .append(" × ")
                        .append(Decimals.show(width));
            }
            if (bracket.upto() == null) {
                break;
            }
            lower = bracket.upto();
        }
        // the formula is numbers and signs only: the same in both languages
        if (u == null) {
            ctx.step(TraceText.BRACKETS, t.reference(), formula.toString(), total, t.note());
        } else {
            ctx.step(
                    TraceText.BRACKETS_UPLIFT,
                    t.reference(),
                    formula.toString(),
                    total,
                    TraceText.written(u.value()),
                    u.note(),
                    t.note());
        }
        return Optional.of(total);
    }

    @Override
    public List<String> kinds() {
        return List.of(uplift == null ? "brackets" : "brackets with uplift");
    }
}
