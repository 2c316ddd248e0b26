package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A named number (or table) of the policy as values by effective date. History is never
 * edited: a change is a later value, so an evaluation as of any date finds the value then in
 * force. Every value of one parameter is of one {@link Kind}.
 */
public record Parameter<T>(String name, Unit unit, Kind kind, List<DatedValue<T>> values) {

    /** What a parameter's values are. */
    public enum Kind {
        DECIMAL(BigDecimal.class, "数值", "a number"),
        CODES(List.class, "代码列表", "a list of codes"),
        TIERS(TierTable.class, "档次表", "a tier table"),
        BRACKETS(BracketTable.class, "分段表", "a bracket table"),
        STAGES(StagePlan.class, "分期计划", "a staging plan");

        private final Class<?> type;
        private final String zh;
        private final String en;

        Kind(Class<?> type, String zh, String en) {
            this.type = type;
            this.zh = zh;
            this.en = en;
        }

        public Class<?> type() {
            return type;
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

    public Optional<DatedValue<T>> at(LocalDate date) {
        return Optional.ofNullable(valueAt(date));
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
