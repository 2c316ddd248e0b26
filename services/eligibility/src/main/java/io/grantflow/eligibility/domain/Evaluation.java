package io.grantflow.eligibility.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of evaluating one application against the catalogue, with its explanation: the
 * ceiling (absent when ineligible or when the programme names no amount), the reviewing
 * department, flags, every reason, the trace, the catalogue version, the facts still missing,
 * the limits the budget must enforce and the instalments of a staged award.
 */
public record Evaluation(
        String programme,
        boolean eligible,
        Optional<BigDecimal> ceiling,
        String department,
        List<String> flags,
        List<ReasonCode> reasons,
        List<TraceStep> trace,
        String catalogueVersion,
        List<String> missingFacts,
        List<BudgetLimit> limits,
        List<Instalment> instalments) {

    /** One line for the event: the steps' English details joined. */
    public String traceSummary() {
        return String.join("; ", trace.stream().map(TraceStep::detailEn).toList());
    }
}
