package io.grantflow.eligibility.domain.rules;

import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.eligibility.domain.BudgetLimit;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import java.util.List;
import java.util.Set;

/**
 * 不重复享受: at most one award of the group's programmes per subject; {@code members} are the
 * programmes of the catalogue that share the group (found at load).
 */
public record ExclusiveGroupLimit(String group, String per, Set<String> members) implements LimitRule {
    public ExclusiveGroupLimit {
        members = Set.copyOf(members);
    }

    @Override
    public void check(EvaluationContext ctx) {
        List<String> keys = List.of(per);
        for (HistoryItem h : ctx.history()) {
            if (h.ofThisPolicy() && members.contains(h.programme()) && ctx.sameSubject(h, keys)) {
                ctx.reason(ReasonCode.EXCLUSIVE_GROUP_TAKEN);
                ctx.step(TraceText.EXCLUSIVE_GROUP, ctx.programme().reference(), group, per);
                return;
            }
        }
    }

    @Override
    public void claim(EvaluationContext ctx) {
        ctx.claim(BudgetLimit.count(LimitKind.EXCLUSIVE_GROUP, LimitKind.exclusiveGroupKey(group, ctx.fact(per)), 1));
    }

    @Override
    public String kind() {
        return "exclusivity group";
    }
}
