package io.grantflow.disbursement.domain.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecoveryTest {
    private static BigDecimal yuan(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aPaymentWithholdsForTheOldestOrderFirstAndNeverMoreThanItAmountsTo() {
        assertThat(Recovery.withhold(yuan("1000.00"), List.of(yuan("800.00"), yuan("500.00"), yuan("0.00"))))
                .containsExactly(yuan("800.00"), yuan("200.00"), yuan("0.00"));
        assertThat(Recovery.withhold(yuan("100.00"), List.of(yuan("30.00"))))
                .as("an order owed less than the payment takes what it is owed")
                .containsExactly(yuan("30.00"));
        assertThat(Recovery.withhold(yuan("100.00"), List.of())).isEmpty();
    }

    @Test
    void whatIsOwedIsTheOrderLessWhatWasRecoveredAndWhatPaymentsInFlightWithhold() {
        assertThat(Recovery.outstanding(yuan("800.00"), yuan("250.00"), yuan("300.00")))
                .isEqualByComparingTo("250.00");
        assertThat(Recovery.orderable(yuan("1000.00"), yuan("600.00"))).isEqualByComparingTo("400.00");
        assertThat(Recovery.orderable(yuan("1000.00"), yuan("1200.00"))).isEqualByComparingTo("0.00");
        assertThat(Recovery.repaid(yuan("400.00"), yuan("350.00"))).isEqualByComparingTo("350.00");
        assertThat(Recovery.repaid(yuan("400.00"), yuan("0.00"))).isEqualByComparingTo("0.00");
    }

    @Test
    void aRepaymentIsFoundByTheReferenceItQuotesWhereverInTheTextAndInAnyCase() {
        UUID id = UUID.fromString("5a0c2e41-8d3b-4c6f-9e12-7b4a3c2d1e0f");
        assertThat(Recovery.referenceOf(id)).isEqualTo("RCV-5A0C2E418D3B");
        assertThat(Recovery.referenceIn("退款 rcv-5a0c2e418d3b 审计", null)).isEqualTo("RCV-5A0C2E418D3B");
        assertThat(Recovery.referenceIn(null, "BANK RCV-5A0C2E418D3B")).isEqualTo("RCV-5A0C2E418D3B");
        assertThat(Recovery.referenceIn("RCV-5A0C2E41", "refund"))
                .as("too short to be one")
                .isNull();
        assertThat(Recovery.referenceIn(null, null)).isNull();
    }
}
