package io.grantflow.eligibility.domain;

import io.grantflow.contracts.vocabulary.LimitKind;
import java.math.BigDecimal;

/**
 * A limit the budget must enforce for an award: its kind, the account key and what it allows, an
 * amount ({@code limit}) for money kinds or a number of awards ({@code count}) for count kinds.
 */
public record BudgetLimit(LimitKind kind, String key, BigDecimal limit, Integer count) {
    public BudgetLimit {
        if ((kind.unit() == LimitKind.Unit.MONEY) != (limit != null) || (count != null) == (limit != null)) {
            throw new IllegalArgumentException(
                    kind + " needs " + (kind.unit() == LimitKind.Unit.MONEY ? "an amount" : "a count"));
        }
    }

    public static BudgetLimit money(LimitKind kind, String key, BigDecimal limit) {
        return new BudgetLimit(kind, key, limit, null);
    }

    public static BudgetLimit count(LimitKind kind, String key, int count) {
        return new BudgetLimit(kind, key, null, count);
    }
}
