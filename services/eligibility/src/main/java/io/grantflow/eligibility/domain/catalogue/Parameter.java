package io.grantflow.eligibility.domain.catalogue;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A named number (or table) of the policy as values by effective date. History is never
 * edited: a change is a later value, so an evaluation as of any date finds the value then in force.
 */
public record Parameter(String name, String unit, List<DatedValue> values) {
    public Parameter {
        values = values.stream().sorted(Comparator.comparing(DatedValue::from)).toList();
    }

    public Optional<DatedValue> at(LocalDate date) {
        DatedValue found = null;
        for (DatedValue v : values) {
            if (!v.from().isAfter(date)) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }
}
