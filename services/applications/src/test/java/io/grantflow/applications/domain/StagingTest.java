package io.grantflow.applications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagingTest {
    private static final List<Staging.Stage> QUARTERS = List.of(
            new Staging.Stage(0, new BigDecimal("0.25")),
            new Staging.Stage(1, new BigDecimal("0.25")),
            new Staging.Stage(2, new BigDecimal("0.25")),
            new Staging.Stage(3, new BigDecimal("0.25")));

    @Test
    void anApprovedAmountIsSplitByTheStagesSharesIntoItsFiscalYears() {
        assertThat(Staging.split(new BigDecimal("4000000.00"), 2026, QUARTERS))
                .containsExactly(
                        new Staging.Part(2026, new BigDecimal("1000000.00")),
                                new Staging.Part(2027, new BigDecimal("1000000.00")),
                        new Staging.Part(2028, new BigDecimal("1000000.00")),
                                new Staging.Part(2029, new BigDecimal("1000000.00")));
    }

    @Test
    void eachInstalmentKeepsItsStagesConditionAndOneWithoutStaysWithout() {
        List<Staging.Stage> stages = List.of(
                new Staging.Stage(0, new BigDecimal("0.50"), "NONE"),
                new Staging.Stage(1, new BigDecimal("0.25"), "MILESTONE"),
                new Staging.Stage(2, new BigDecimal("0.25")));
        assertThat(Staging.split(new BigDecimal("100.00"), 2026, stages))
                .containsExactly(
                        new Staging.Part(2026, new BigDecimal("50.00"), "NONE"),
                        new Staging.Part(2027, new BigDecimal("25.00"), "MILESTONE"),
                        new Staging.Part(2028, new BigDecimal("25.00"), null));
    }

    @Test
    void eachShareRoundsDownToTheFenAndTheLastInstalmentTakesWhatIsLeftSoTheyAddUpExactly() {
        List<Staging.Part> parts = Staging.split(new BigDecimal("100.01"), 2026, QUARTERS);
        assertThat(parts)
                .extracting(Staging.Part::amount)
                .containsExactly(
                        new BigDecimal("25.00"),
                        new BigDecimal("25.00"),
                        new BigDecimal("25.00"),
                        new BigDecimal("25.01"));
        assertThat(parts.stream().map(Staging.Part::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("100.01");
    }

    @Test
    void anAwardWithoutStagesIsPaidAtOnce() {
        assertThat(Staging.split(new BigDecimal("10.00"), 2026, List.of())).isEmpty();
        assertThat(Staging.split(new BigDecimal("10.00"), 2026, null)).isEmpty();
    }
}
