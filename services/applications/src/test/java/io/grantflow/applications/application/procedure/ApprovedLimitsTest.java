package io.grantflow.applications.application.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.vocabulary.LimitKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits an approval asks the budget to enforce, with and without a city-approved override. */
class ApprovedLimitsTest {
    private static final String KEY = LimitKind.ceilingKey("S4-COMPUTE-CLUSTER", "91320214AY4CL12T29");
    private static final List<LimitClaim> EVALUATED = List.of(
            LimitClaim.money(LimitKind.PROGRAMME_CEILING, KEY, new BigDecimal("600000.00")),
            LimitClaim.money(
                    LimitKind.BENEFICIARY_YEAR_AMOUNT, "91320214AY4CL12T29/2026", new BigDecimal("20000000.00")),
            LimitClaim.count(LimitKind.BENEFICIARY_YEAR_COUNT, "91320214AY4CL12T29/2026", 10));

    @Test
    void aCityApprovedOverrideClaimsTheApprovedAmountAsTheProgrammeCeiling() {
        List<LimitClaim> limits = ProcedureMessages.approvedLimits(EVALUATED, new BigDecimal("800000.00"), true);

        assertThat(limits)
                .containsExactly(
                        LimitClaim.money(LimitKind.PROGRAMME_CEILING, KEY, new BigDecimal("800000.00")),
                        EVALUATED.get(1),
                        EVALUATED.get(2));
    }

    @Test
    void withoutAnOverrideTheEvaluatedCeilingStands() {
        assertThat(ProcedureMessages.approvedLimits(EVALUATED, new BigDecimal("800000.00"), false))
                .isEqualTo(EVALUATED);
    }

    @Test
    void anOverrideWithinTheCeilingChangesNothing() {
        assertThat(ProcedureMessages.approvedLimits(EVALUATED, new BigDecimal("500000.00"), true))
                .isEqualTo(EVALUATED);
    }
}
