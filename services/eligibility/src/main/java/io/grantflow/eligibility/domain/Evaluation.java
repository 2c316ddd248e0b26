package io.grantflow.eligibility.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The outcome of evaluating one application against the catalogue, with its explanation. */
public record Evaluation(String programme, boolean eligible, Optional<BigDecimal> ceiling, String department,
                         List<String> flags, List<ReasonCode> reasons, List<TraceStep> trace,
                         String catalogueVersion) {

    /** One line for the event: the steps' English details joined. */
    public String traceSummary() {
        return String.join("; ", trace.stream().map(TraceStep::detailEn).toList());
    }
}
