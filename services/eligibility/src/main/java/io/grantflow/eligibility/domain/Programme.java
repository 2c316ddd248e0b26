package io.grantflow.eligibility.domain;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A programme of the catalogue with a "rate × base, capped" rule. The full rule kinds of the
 * policy come with the rules-engine issue; this shape carries S4-EDGE-COMPUTE.
 *
 * @param baseFact the fact (an amount in yuan) the rate applies to
 * @param clause   where the rule stands in the Chinese text (section, sentence)
 */
public record Programme(String code, String nameZh, String nameEn, String department, Set<String> beneficiaryKinds,
                        String baseFact, BigDecimal rate, BigDecimal cap, String clause) {
}
