package io.grantflow.disbursement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.disbursement.domain.Settlement.Decision.Kind;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettlementTest {
    private static final BigDecimal ORDERED = new BigDecimal("1000.00");

    @Test
    void aConfirmationOfTheOrderPaysItInFull() {
        Settlement.Decision d = Settlement.decide(
                PaymentStatus.INSTRUCTED, ORDERED, TreasuryResult.confirmed("R1", new BigDecimal("1000.00")));
        assertThat(d.kind()).isEqualTo(Kind.PAID);
        assertThat(d.paidAmount()).isEqualByComparingTo("1000.00");
    }

    @Test
    void lessConfirmedPaysThePartAndMoreIsHeld() {
        Settlement.Decision part = Settlement.decide(
                PaymentStatus.SENT, ORDERED, TreasuryResult.confirmed("R1", new BigDecimal("900.00")));
        assertThat(part.kind()).isEqualTo(Kind.PARTLY_CONFIRMED);
        assertThat(part.paidAmount()).isEqualByComparingTo("900.00");

        assertThat(Settlement.decide(
                                PaymentStatus.SENT, ORDERED, TreasuryResult.confirmed("R1", new BigDecimal("1000.01")))
                        .kind())
                .isEqualTo(Kind.HELD_ABOVE_ORDER);
        assertThat(Settlement.decide(PaymentStatus.SENT, ORDERED, TreasuryResult.confirmed("R1", BigDecimal.ZERO))
                        .kind())
                .as("a confirmation of nothing is no payment")
                .isEqualTo(Kind.HELD_ABOVE_ORDER);
    }

    @Test
    void acceptedWaitsRejectedFailsAndUnknownIsSentAgainOnlyIfNeverSent() {
        assertThat(Settlement.decide(PaymentStatus.INSTRUCTED, ORDERED, TreasuryResult.accepted("R"))
                        .kind())
                .isEqualTo(Kind.SENT);
        assertThat(Settlement.decide(
                                PaymentStatus.INSTRUCTED,
                                ORDERED,
                                TreasuryResult.rejected("R", "ACCOUNT_CLOSED", "z", "e"))
                        .kind())
                .isEqualTo(Kind.FAILED);
        assertThat(Settlement.decide(PaymentStatus.INSTRUCTED, ORDERED, TreasuryResult.unknown())
                        .kind())
                .isEqualTo(Kind.SEND_AGAIN);
        assertThat(Settlement.decide(PaymentStatus.SENT, ORDERED, TreasuryResult.unknown())
                        .kind())
                .as("an accepted order is never sent a second time")
                .isEqualTo(Kind.NOTHING);
    }

    @ParameterizedTest
    @EnumSource(
            value = PaymentStatus.class,
            names = {"PAID", "FAILED", "HELD", "CANCELLED", "AWAITING_APPROVAL", "AWAITING_CLEARANCE"})
    void anAnswerForAPaymentNotOpenChangesNothing(PaymentStatus status) {
        assertThat(Settlement.decide(status, ORDERED, TreasuryResult.confirmed("R1", ORDERED))
                        .kind())
                .isEqualTo(Kind.NOTHING);
    }

    @Test
    void oneInstalmentIsOneOrderKey() {
        UUID reservation = UUID.randomUUID();
        assertThat(PaymentOrder.keyOf(reservation, 2026)).isEqualTo(PaymentOrder.keyOf(reservation, 2026));
        assertThat(PaymentOrder.keyOf(reservation, 2026)).isNotEqualTo(PaymentOrder.keyOf(reservation, 2027));
        assertThat(PaymentOrder.keyOf(reservation, 2026)).isNotEqualTo(PaymentOrder.keyOf(UUID.randomUUID(), 2026));
        assertThatThrownBy(() -> new PaymentOrder(UUID.randomUUID(), UUID.randomUUID(), "x", new BigDecimal("1.5")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
