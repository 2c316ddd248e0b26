package io.grantflow.budget.domain;

import io.grantflow.contracts.vocabulary.LimitKind;
import java.util.Objects;

/**
 * A limit the evaluation says an award touches, in the unit of its kind (fen or awards). The budget
 * does not take anyone's word for what is left under it: it holds the account and checks it itself.
 * A claim of kind {@link LimitKind#PROGRAMME_CEILING} is the award's own ceiling, checked without an account.
 */
public record Claim(LimitKind kind, String key, long limit) {
    public Claim {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(key);
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }

    /** The account kind that holds this claim; null for the ceiling check. */
    public AccountKind accountKind() {
        return AccountKind.holding(kind).orElse(null);
    }

    /** Whether the budget holds this kind of claim: the ceiling, or an account the policy sets. */
    public static boolean known(LimitKind kind) {
        return kind == LimitKind.PROGRAMME_CEILING || AccountKind.holding(kind).isPresent();
    }
}
