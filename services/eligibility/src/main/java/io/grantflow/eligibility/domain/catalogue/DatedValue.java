package io.grantflow.eligibility.domain.catalogue;

import java.time.LocalDate;

/** One value of a parameter, in force from a date, with the clause it comes from. */
public record DatedValue(LocalDate from, Object value, String reference, boolean isDefault) {
}
