package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One instalment of a staged award: the fiscal year whose budget pays it and its amount.
 * {@code condition} (optional, left out when absent) is what must happen before disbursement pays
 * it, where the catalogue's staging says so: {@code NONE}, {@code FISCAL_YEAR_START} (from 1
 * January of its year) or {@code MILESTONE} (a department confirms it with evidence). Absent,
 * disbursement takes the first instalment as {@code NONE} and every later one as
 * {@code FISCAL_YEAR_START} (ADR 0024).
 */
public record InstalmentAmount(
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonInclude(JsonInclude.Include.NON_NULL) String condition) {
    public static final String NONE = "NONE";
    public static final String FISCAL_YEAR_START = "FISCAL_YEAR_START";
    public static final String MILESTONE = "MILESTONE";

    /** An instalment without a condition of its own (the default by year applies). */
    public InstalmentAmount(int fiscalYear, BigDecimal amount) {
        this(fiscalYear, amount, null);
    }
}
