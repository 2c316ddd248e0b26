package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Condition;
import io.grantflow.eligibility.domain.catalogue.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Parts added up. A part applies only with the first award (when_first), once a year or once
 * ever for its condition, when its own condition holds, and may be multiplied by a count fact
 * (per); a part that does not apply adds nothing.
 */
public record SumAward(List<Part> parts) implements AwardRule {
    public SumAward {
        parts = List.copyOf(parts);
    }

    /** A part of the sum: its own award and when it applies. */
    public record Part(
            AwardRule award,
            boolean whenFirst,
            boolean oncePerYear,
            boolean onceEver,
            Condition condition,
            String per) {}

    @Override
    public Optional<BigDecimal> amount(EvaluationContext ctx) {
        BigDecimal total = BigDecimal.ZERO;
        for (Part part : parts) {
            List<HistoryItem> mine = ctx.mine();
            if (part.whenFirst() && !mine.isEmpty()) {
                ctx.partUsedByHistory();
                ctx.step(TraceText.PART_FIRST_ONLY, ctx.programme().reference());
                continue;
            }
            Condition condition = part.condition();
            if (condition != null) {
                Object actual = ctx.fact(condition.fact());
                EvaluationContext.Resolved<?> expected = ctx.resolve(condition.value());
                if (actual == null || !condition.op().test(actual, expected.value())) {
                    ctx.step(
                            TraceText.PART_CONDITION,
                            expected.reference(),
                            condition.fact(),
                            condition.op().symbol(),
                            TraceText.written(expected.value()));
                    continue;
                }
                if ((part.oncePerYear() || part.onceEver()) && usedBefore(ctx, part, expected.value())) {
                    ctx.partUsedByHistory();
                    ctx.step(
                            part.oncePerYear() ? TraceText.PART_ONCE_YEAR : TraceText.PART_ONCE,
                            ctx.programme().reference(),
                            condition.fact());
                    continue;
                }
            }
            Optional<BigDecimal> amount = AwardRule.evaluate(part.award(), ctx);
            if (amount.isEmpty()) {
                continue;
            }
            BigDecimal value = amount.get();
            if (part.per() != null) {
                Object count = ctx.fact(part.per());
                BigDecimal d = Decimals.decimal(count);
                long n = count instanceof Collection<?> c ? c.size() : d == null ? 0L : d.longValue();
                value = value.multiply(BigDecimal.valueOf(n));
                ctx.step(TraceText.PER, ctx.programme().reference(), amount.get(), n, part.per(), value);
            }
            total = total.add(value);
        }
        return Optional.of(total);
    }

    /** Whether an award of the history already met this part's condition (this year, for once a year). */
    private static boolean usedBefore(EvaluationContext ctx, Part part, Object expected) {
        Condition condition = part.condition();
        for (HistoryItem h : ctx.mine()) {
            if (part.oncePerYear() && h.asOf().getYear() != ctx.year()) {
                continue;
            }
            Object before = h.facts() == null ? null : h.facts().get(condition.fact());
            if (before != null && condition.op().test(before, expected)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void whenZero(EvaluationContext ctx) {
        // no part applies: either the history used them, or none is met
        ctx.reason(ctx.wasPartUsedByHistory() ? ReasonCode.ALREADY_AWARDED : ReasonCode.THRESHOLD_NOT_MET);
    }

    @Override
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        kinds.add("sum of parts");
        parts.forEach(p -> kinds.addAll(p.award().kinds()));
        return kinds;
    }
}
