package io.grantflow.eligibility.domain.catalogue;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * A named number (or table) of the policy as values by effective date. History is never
 * edited: a change is a later value, so an evaluation as of any date finds the value then in
 * force. Every value of one parameter is of one {@link Kind}.
 */
public record Parameter<T>(String name, Unit unit, Kind kind, List<DatedValue<T>> values) {

    /** What a parameter's values are. */
    public enum Kind {
        /** A {@code BigDecimal}. */
        DECIMAL("数值", "a number"),
        /** A {@code List<String>} of codes (districts). */
        CODES("代码列表", "a list of codes"),
        /** A {@link TierTable}. */
        TIERS("档次表", "a tier table"),
        /** A {@link BracketTable}. */
        BRACKETS("分段表", "a bracket table"),
        /** A {@link StagePlan}. */
        STAGES("分期计划", "a staging plan");

        private final String zh;
        private final String en;

        Kind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() {
            return zh;
        }

        public String en() {
            return en;
        }
    }

    public Parameter {
        values = values.stream().sorted(Comparator.comparing(DatedValue::from)).toList();
    }

    /** The value in force on the date, or null before the first (no Optional: read on every evaluation). */
    public DatedValue<T> valueAt(LocalDate date) {
        for (int i = values.size() - 1; i >= 0; i--) {
            DatedValue<T> v = values.get(i);
            if (!v.from().isAfter(date)) {
                return v;
            }
        }
        return null;
    }

    /** This parameter as one of the given kind, for a rule that reads it so. */
    @SuppressWarnings("unchecked")
    public <V> Parameter<V> as(Kind expected) {
        if (kind != expected) {
            throw new IllegalArgumentException("parameter " + name + " is " + kind.en() + ", not " + expected.en());
        }
        return (Parameter<V>) this;
    }
}
