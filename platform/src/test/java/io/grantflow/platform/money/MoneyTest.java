package io.grantflow.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void aComputedAwardIsRoundedDownToTheFen() {
        assertThat(Money.roundDown(new BigDecimal("0.30").multiply(new BigDecimal("333333.33"))))
                .isEqualByComparingTo("99999.99");
        assertThat(Money.roundDown(new BigDecimal("100.009")).toPlainString()).isEqualTo("100.00");
    }

    @Test
    void amountsAreParsedStrictly() {
        assertThat(Money.parse("1234.5").toPlainString()).isEqualTo("1234.50");
        assertThat(Money.parse("7").toPlainString()).isEqualTo("7.00");
        assertThatThrownBy(() -> Money.parse("1.234")).isInstanceOf(Money.InvalidAmountException.class);
        assertThatThrownBy(() -> Money.parse("-1")).isInstanceOf(Money.InvalidAmountException.class);
        assertThatThrownBy(() -> Money.parse("1e3")).isInstanceOf(Money.InvalidAmountException.class);
        assertThatThrownBy(() -> Money.exact(new BigDecimal("0.001"))).isInstanceOf(Money.InvalidAmountException.class);
    }

    @Test
    void exactKeepsTrailingZerosMeaningless() {
        assertThat(Money.exact(new BigDecimal("5.000")).toPlainString()).isEqualTo("5.00");
    }
}
