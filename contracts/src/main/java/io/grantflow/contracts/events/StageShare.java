package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One stage of a staged award (分年度拨付 / 分阶段): the fiscal year offset from the award year, the
 * share of the award it pays and, where the catalogue's staging plan names one, the condition of
 * its payment ({@link InstalmentAmount#NONE}, {@link InstalmentAmount#FISCAL_YEAR_START} or
 * {@link InstalmentAmount#MILESTONE}; left out when absent, and disbursement's default by year
 * applies).
 */
public record StageShare(
        int yearOffset,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal share,
        @JsonInclude(JsonInclude.Include.NON_NULL) String condition) {
    /** A stage without a condition of its own. */
    public StageShare(int yearOffset, BigDecimal share) {
        this(yearOffset, share, null);
    }
}
