package io.grantflow.disbursement.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.platform.money.Staged;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PaymentPlanTest {
    private static final LocalDate RESERVED = LocalDate.of(2026, 6, 15);

    private static PaymentPlan.Part part(int year, String amount) {
        return new PaymentPlan.Part(year, new BigDecimal(amount), null);
    }

    @Test
    void aOneOffAwardIsOneInstalmentPayableAtOnce() {
        PaymentPlan plan = PaymentPlan.of(new BigDecimal("250000.00"), 2026, RESERVED, List.of());

        assertThat(plan.staged()).isFalse();
        PlannedInstalment only = plan.first();
        assertThat(only.fiscalYear()).isEqualTo(2026);
        assertThat(only.amount()).isEqualByComparingTo("250000.00");
        assertThat(only.condition()).isEqualTo(InstalmentCondition.NONE);
        assertThat(only.dueDate()).isEqualTo(RESERVED);
        assertThat(only.payable(RESERVED, true, false)).isTrue();
    }

    @Test
    void anAwardForAYearNotBegunIsPaidFromTheFirstOfJanuaryOfItsYearNotNow() {
        PaymentPlan plan = PaymentPlan.of(new BigDecimal("250000.00"), 2027, RESERVED, List.of());

        PlannedInstalment only = plan.first();
        assertThat(only.condition()).isEqualTo(InstalmentCondition.FISCAL_YEAR_START);
        assertThat(only.dueDate()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(only.payable(LocalDate.of(2026, 12, 31), true, false)).isFalse();
        assertThat(only.payable(LocalDate.of(2027, 1, 1), true, false)).isTrue();
    }

    @Test
    void aStagedAwardPaysItsFirstInstalmentNowAndEachLaterOneFromTheFirstOfJanuaryOfItsYear() {
        PaymentPlan plan = PaymentPlan.of(
                new BigDecimal("4000000.00"),
                2026,
                RESERVED,
                // as the event may list them: the plan is in fiscal-year order
                List.of(
                        part(2028, "1000000.00"),
                        part(2026, "1000000.00"),
                        part(2029, "1000000.00"),
                        part(2027, "1000000.00")));

        assertThat(plan.instalments())
                .extracting(PlannedInstalment::fiscalYear)
                .containsExactly(2026, 2027, 2028, 2029);
        assertThat(plan.instalments()).extracting(PlannedInstalment::seq).containsExactly(1, 2, 3, 4);
        assertThat(plan.instalments())
                .extracting(PlannedInstalment::condition)
                .containsExactly(
                        InstalmentCondition.NONE,
                        InstalmentCondition.FISCAL_YEAR_START,
                        InstalmentCondition.FISCAL_YEAR_START,
                        InstalmentCondition.FISCAL_YEAR_START);
        assertThat(plan.instalments())
                .extracting(PlannedInstalment::dueDate)
                .containsExactly(
                        RESERVED, LocalDate.of(2027, 1, 1), LocalDate.of(2028, 1, 1), LocalDate.of(2029, 1, 1));
        PlannedInstalment second = plan.instalments().get(1);
        assertThat(second.payable(LocalDate.of(2026, 12, 31), true, false)).isFalse();
        assertThat(second.payable(LocalDate.of(2027, 1, 1), true, false)).isTrue();
        assertThat(second.payable(LocalDate.of(2027, 1, 1), false, false))
                .as("before the instalment ahead of it is paid")
                .isFalse();
    }

    @Test
    void aMilestoneIsPaidOnlyOnceConfirmedAndNotBeforeItsYear() {
        PaymentPlan plan = PaymentPlan.of(
                new BigDecimal("300.00"),
                2026,
                RESERVED,
                List.of(
                        part(2026, "100.00"),
                        new PaymentPlan.Part(2027, new BigDecimal("200.00"), InstalmentCondition.MILESTONE)));
        PlannedInstalment milestone = plan.instalments().get(1);

        assertThat(milestone.condition()).isEqualTo(InstalmentCondition.MILESTONE);
        assertThat(milestone.payable(LocalDate.of(2027, 3, 1), true, false)).isFalse();
        assertThat(milestone.payable(LocalDate.of(2026, 12, 1), true, true)).isFalse();
        assertThat(milestone.payable(LocalDate.of(2027, 3, 1), true, true)).isTrue();
    }

    @Test
    void instalmentsThatDoNotAddUpToTheAwardOrRepeatAYearAreNoPlan() {
        assertThatThrownBy(() -> PaymentPlan.of(
                        new BigDecimal("300.00"), 2026, RESERVED, List.of(part(2026, "100.00"), part(2027, "199.99"))))
                .isInstanceOf(PaymentPlan.InvalidPlanException.class)
                .hasMessageContaining("add up");
        assertThatThrownBy(() -> PaymentPlan.of(
                        new BigDecimal("300.00"), 2026, RESERVED, List.of(part(2026, "100.00"), part(2026, "200.00"))))
                .isInstanceOf(PaymentPlan.InvalidPlanException.class)
                .hasMessageContaining("two instalments");
        assertThatThrownBy(() -> PaymentPlan.of(
                        new BigDecimal("300.00"), 2026, RESERVED, List.of(part(2025, "100.00"), part(2026, "200.00"))))
                .isInstanceOf(PaymentPlan.InvalidPlanException.class)
                .hasMessageContaining("precedes");
        assertThatThrownBy(() -> PaymentPlan.of(
                        new BigDecimal("300.00"),
                        2026,
                        RESERVED,
                        List.of(part(2026, "100.005"), part(2027, "199.995"))))
                .isInstanceOf(PaymentPlan.InvalidPlanException.class)
                .hasMessageContaining("fen");
    }

    /**
     * The plan's instalments are the reservation's year by year: for awards split as the
     * applications service splits them (platform Staged), the plan has the same years and amounts.
     */
    @Test
    void thePlanHoldsExactlyTheReservationsInstalmentsYearByYear() {
        Random random = new Random(20261204L);
        for (int n = 0; n < 500; n++) {
            BigDecimal award = BigDecimal.valueOf(1 + random.nextInt(100_000_000), 2);
            int stages = 1 + random.nextInt(5);
            List<BigDecimal> shares = new ArrayList<>();
            for (int i = 0; i < stages; i++) {
                shares.add(BigDecimal.ONE.divide(BigDecimal.valueOf(stages), 10, RoundingMode.DOWN));
            }
            shares.set(
                    stages - 1,
                    BigDecimal.ONE.subtract(
                            shares.stream().limit(stages - 1).reduce(BigDecimal.ZERO, BigDecimal::add)));
            List<BigDecimal> amounts = Staged.split(award, shares);
            List<PaymentPlan.Part> reserved = new ArrayList<>();
            for (int i = 0; i < stages; i++) {
                if (amounts.get(i).signum() > 0) {
                    reserved.add(part(2026 + i, amounts.get(i).toPlainString()));
                }
            }

            PaymentPlan plan = PaymentPlan.of(award, 2026, RESERVED, reserved);

            assertThat(plan.instalments()).hasSize(reserved.size());
            for (int i = 0; i < reserved.size(); i++) {
                assertThat(plan.instalments().get(i).fiscalYear())
                        .isEqualTo(reserved.get(i).fiscalYear());
                assertThat(plan.instalments().get(i).amount())
                        .isEqualByComparingTo(reserved.get(i).amount());
            }
            assertThat(plan.instalments().stream()
                            .map(PlannedInstalment::amount)
                            .reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(award);
        }
    }
}
