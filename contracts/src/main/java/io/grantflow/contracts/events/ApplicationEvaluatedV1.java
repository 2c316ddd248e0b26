package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The eligibility service evaluated an application: eligible or not, its ceiling (absent when
 * the programme names no amount or it is ineligible), the reviewing department, flags, reasons,
 * the catalogue version used and the limits the budget must enforce.
 *
 * @param overrides the departures from the formula the catalogue allows for the programme (一事一议
 *                  on a normal evaluation); empty for most, absent (null) in messages published
 *                  before it existed: readers take absent as none
 * @param revision  the revision of the facts evaluated ({@link ApplicationSubmittedV1#revision()}):
 *                  0 for the submission, n after the n-th correction; absent in older messages: 0
 */
public record ApplicationEvaluatedV1(
        UUID applicationId,
        String programme,
        boolean eligible,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ceiling,
        String department,
        List<String> flags,
        List<Reason> reasons,
        List<LimitClaim> limits,
        List<StageShare> staging,
        String catalogueVersion,
        String traceSummary,
        Instant evaluatedAt,
        List<OverrideAllowance> overrides,
        int revision) {

    /**
     * An evaluation of the submission (revision 0) of an award paid at once (no staging) that
     * allows no override: the older producers' and the tests' shape.
     */
    public ApplicationEvaluatedV1(
            UUID applicationId,
            String programme,
            boolean eligible,
            BigDecimal ceiling,
            String department,
            List<String> flags,
            List<Reason> reasons,
            List<LimitClaim> limits,
            String catalogueVersion,
            String traceSummary,
            Instant evaluatedAt) {
        this(
                applicationId,
                programme,
                eligible,
                ceiling,
                department,
                flags,
                reasons,
                limits,
                List.of(),
                catalogueVersion,
                traceSummary,
                evaluatedAt,
                List.of(),
                0);
    }
}
