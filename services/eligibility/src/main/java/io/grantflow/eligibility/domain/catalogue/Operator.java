package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;

/**
 * The operators of a condition, as the catalogue writes them. Numbers compare as decimals; a
 * boolean or a text only equals (or differs from) a value of the same text; {@code in} looks the
 * value up in a list.
 */
public enum Operator {
    GE(">="),
    GT(">"),
    LE("<="),
    LT("<"),
    EQ("=="),
    NE("!="),
    IN("in");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether this operator orders numbers (its value is a number or a numeric parameter). */
    public boolean ordering() {
        return this == GE || this == GT || this == LE || this == LT;
    }

    public static Optional<Operator> parse(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    public boolean test(Object actual, Object expected) {
        if (this == IN) {
            if (!(expected instanceof Collection<?> c)) {
                return false;
            }
            String value = String.valueOf(actual);
            for (Object e : c) {
                if (String.valueOf(e).equals(value)) {
                    return true;
                }
            }
            return false;
        }
        if (actual instanceof Boolean || expected instanceof Boolean) {
            return equality(actual, expected);
        }
        BigDecimal a = Decimals.decimal(actual);
        BigDecimal e = Decimals.decimal(expected);
        if (a == null || e == null) {
            return equality(actual, expected);
        }
        int cmp = a.compareTo(e);
        return switch (this) {
            case GE -> cmp >= 0;
            case GT -> cmp > 0;
            case LE -> cmp <= 0;
            case LT -> cmp < 0;
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case IN -> throw new IllegalStateException("in is handled above");
        };
    }

    private boolean equality(Object actual, Object expected) {
        boolean equal = String.valueOf(actual).equals(String.valueOf(expected));
        return this == EQ ? equal : this == NE && !equal;
    }
}
