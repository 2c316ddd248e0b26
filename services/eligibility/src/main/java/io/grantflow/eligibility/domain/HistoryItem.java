package io.grantflow.eligibility.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * An award the applicant already received: of this policy ({@code policy} = "this") or of
 * another city-level policy, with the facts that identify its subject.
 */
public record HistoryItem(
        String programme, String policy, LocalDate asOf, BigDecimal amount, Map<String, Object> facts) {
    public static final String THIS_POLICY = "this";

    public boolean ofThisPolicy() {
        return policy == null || THIS_POLICY.equals(policy);
    }
}
