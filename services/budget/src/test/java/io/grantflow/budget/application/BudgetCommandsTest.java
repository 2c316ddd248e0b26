package io.grantflow.budget.application;

import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.platform.rest.FieldError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input is refused before the ledger sees it, naming every field at fault. */
class BudgetCommandsTest {
    private static ReserveFundsV1 command(String beneficiary, String kind, String amount, List<LimitClaim> limits) {
        return new ReserveFundsV1(UUID.randomUUID(), UUID.randomUUID(), "S4-EDGE-COMPUTE", "industry", beneficiary, kind,
                2026, new BigDecimal(amount), List.of(), limits, Instant.now());
    }

    private static List<String> fields(ReserveFundsV1 c) {
        try {
            BudgetCommands.reserve(c, null, LedgerRules.DEFAULTS, io.grantflow.budget.domain.Catalogue.UNPUBLISHED);
            return List.of();
        } catch (BudgetCommands.InvalidCommandException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    void onlyADistrictMayBeTheBeneficiaryOfABlockGrantSoNoEnterpriseEscapesG4() {
        assertThat(fields(command("91320214AY4CL12T29", "district", "1.00", List.of()))).containsExactly("beneficiaryId");
        assertThat(fields(command("xinwu", "district", "1.00", List.of()))).isEmpty();
        assertThat(fields(command("x", "martian", "1.00", List.of()))).containsExactly("beneficiaryKind");
    }

    @Test
    void aFractionOfAFenAnUnknownLimitAndAnOversizedKeyAreEachNamed() {
        assertThat(fields(command("B", null, "1.001", List.of()))).containsExactly("amount");
        assertThat(fields(command("B", null, "1.00", List.of(new LimitClaim("MOON", "k", BigDecimal.ONE)))))
                .containsExactly("limits[0].kind");
        assertThat(fields(command("B", null, "1.00", List.of(new LimitClaim("EXCLUSIVE_GROUP", "k".repeat(151),
                BigDecimal.ONE))))).containsExactly("limits[0].key");
        assertThat(fields(command("B", null, "1.00", List.of(new LimitClaim("BENEFICIARY_YEAR_COUNT", "k",
                new BigDecimal("1e30")))))).containsExactly("limits[0].limit");
        assertThat(fields(command("B".repeat(65), null, "1.00", List.of()))).containsExactly("beneficiaryId");
    }

    @Test
    void aCommandOfAnOlderProducerWithoutKindOrInstalmentsIsAnEnterprisesOneOffAward() {
        ReserveFundsV1 old = new ReserveFundsV1(UUID.randomUUID(), UUID.randomUUID(), "S4-EDGE-COMPUTE", "industry", "B",
                null, 2026, new BigDecimal("5.00"), null, null, Instant.now());
        var reserve = BudgetCommands.reserve(old, null, LedgerRules.DEFAULTS, io.grantflow.budget.domain.Catalogue.UNPUBLISHED);
        assertThat(reserve.request().beneficiaryKind()).isEqualTo("enterprise");
        assertThat(reserve.request().instalments()).hasSize(1);
    }

    @Test
    void aClawbackOfNothingIsBadInput() {
        assertThatThrownBy(() -> BudgetCommands.reverse(new io.grantflow.contracts.commands.ReverseFundsV1(UUID.randomUUID(),
                UUID.randomUUID(), new BigDecimal("0.00"), "x", Instant.now())))
                .isInstanceOf(BudgetCommands.InvalidCommandException.class);
    }

    @Test
    void aPaymentPostsUnderItsOwnIdSoTheSamePaymentInAnotherEnvelopeIsOnePosting() {
        var paid = new io.grantflow.contracts.events.PaymentCompletedV1(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "B", new BigDecimal("10.00"), "TR", Instant.now());
        assertThat(BudgetCommands.post(paid).paymentId()).isEqualTo(paid.paymentId().toString());
    }
}
