package io.grantflow.eligibility.domain.rules;

import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.eligibility.domain.BudgetLimit;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A cap on the awards the history already holds: what is left lowers the amount, nothing left is
 * a reason, and the budget holds the cap as a limit of its kind. The kinds differ only in which
 * awards count, the account key and the wording.
 */
public abstract class CapLimit implements LimitRule {
    private final Ref<BigDecimal> amount;
    private final LimitKind limitKind;
    private final ReasonCode reason;
    private final TraceText text;

    protected CapLimit(Ref<BigDecimal> amount, LimitKind limitKind, ReasonCode reason, TraceText text) {
        this.amount = amount;
        this.limitKind = limitKind;
        this.reason = reason;
        this.text = text;
    }

    public Ref<BigDecimal> amount() {
        return amount;
    }

    /** The awards of the history this cap counts. */
    protected abstract List<HistoryItem> counted(EvaluationContext ctx);

    /** The budget account key of this cap for this application. */
    protected abstract String key(EvaluationContext ctx);

    @Override
    public BigDecimal cap(EvaluationContext ctx, BigDecimal computed) {
        BigDecimal cap = ctx.resolve(amount).value();
        BigDecimal used = EvaluationContext.sum(counted(ctx));
        BigDecimal left = cap.subtract(used).max(BigDecimal.ZERO);
        ctx.claim(BudgetLimit.money(limitKind, key(ctx), cap.setScale(2, RoundingMode.DOWN)));
        ctx.step(text, ctx.programme().reference(), cap, used, left);
        if (left.signum() == 0) {
            ctx.reason(reason);
            return computed;
        }
        return computed != null && computed.compareTo(left) > 0 ? left : computed;
    }
}
