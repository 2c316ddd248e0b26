package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One value of a parameter, in force from a date, with the clause it comes from. The value is
 * typed: a decimal, a list of codes (districts) or a {@link Table}.
 */
public record DatedValue<T>(LocalDate from, T value, String reference, boolean isDefault) {

    /** The value as the catalogue file writes it (decimals as strings, tables as rows), for readers of the API. */
    public Object data() {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Table t) {
            return t.rows();
        }
        if (value instanceof List<?> codes) {
            return List.copyOf(codes);
        }
        return value;
    }
}
