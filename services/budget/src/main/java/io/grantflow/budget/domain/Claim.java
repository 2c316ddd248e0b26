package io.grantflow.budget.domain;

import java.util.Objects;

/**
 * A limit the evaluation says an award touches, in the unit of its kind. The budget does not take
 * anyone's word for what is left under it: it holds the account and checks it itself. A claim of
 * kind {@code PROGRAMME_CEILING} is the award's own ceiling, checked without an account.
 */
public record Claim(String kind, String key, long limit) {
    public static final String PROGRAMME_CEILING = "PROGRAMME_CEILING";

    public Claim {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(key);
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }

    /** The account kind this claim names; empty for the ceiling check. */
    public AccountKind accountKind() {
        return PROGRAMME_CEILING.equals(kind) ? null : AccountKind.valueOf(kind);
    }

    /** Whether the budget knows this kind of claim. */
    public static boolean known(String kind) {
        if (PROGRAMME_CEILING.equals(kind)) {
            return true;
        }
        try {
            AccountKind k = AccountKind.valueOf(kind);
            return k.origin() == AccountKind.Origin.POLICY;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
