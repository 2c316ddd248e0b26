package io.grantflow.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StagedTest {
    private static List<BigDecimal> shares(String... s) {
        return Arrays.stream(s).map(BigDecimal::new).toList();
    }

    @Test
    void eachStageTakesItsShareRoundedDownAndTheLastWhatIsLeft() {
        assertThat(Staged.split(new BigDecimal("100.01"), shares("0.25", "0.25", "0.25", "0.25")))
                .containsExactly(
                        new BigDecimal("25.00"),
                        new BigDecimal("25.00"),
                        new BigDecimal("25.00"),
                        new BigDecimal("25.01"));
        assertThat(Staged.split(new BigDecimal("0.01"), shares("0.5", "0.5")))
                .containsExactly(new BigDecimal("0.00"), new BigDecimal("0.01"));
        assertThat(Staged.split(new BigDecimal("10"), List.of())).isEmpty();
    }

    @Test
    void thePartsAlwaysAddUpToTheTotalAndNoneIsNegative() {
        long seed = Long.getLong("staged.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int run = 0; run < 2_000; run++) {
            BigDecimal total = BigDecimal.valueOf(random.nextLong(0, 10_000_000_000L), 2);
            int n = 1 + random.nextInt(6);
            List<BigDecimal> s = new ArrayList<>();
            BigDecimal left = BigDecimal.ONE;
            for (int i = 0; i < n - 1; i++) {
                BigDecimal share = BigDecimal.valueOf(
                        random.nextInt(0, left.movePointRight(4).intValue() + 1), 4);
                s.add(share);
                left = left.subtract(share);
            }
            s.add(left);
            List<BigDecimal> parts = Staged.split(total, s);
            assertThat(parts)
                    .as("seed %d (replay with -Dstaged.seed=%d): %s of %s", seed, seed, s, total)
                    .hasSize(n)
                    .allSatisfy(p -> assertThat(p.signum()).isNotNegative());
            assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as("seed %d", seed)
                    .isEqualByComparingTo(total);
        }
    }

    @Test
    void aPlanThatDoesNotAddUpOrATotalFinerThanAFenIsRefused() {
        assertThatThrownBy(() -> Staged.split(new BigDecimal("10.00"), shares("0.3", "0.3")))
                .hasMessageContaining("add up");
        assertThatThrownBy(() -> Staged.split(new BigDecimal("10.00"), shares("1.5", "-0.5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Staged.split(new BigDecimal("10.001"), shares("1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Staged.split(new BigDecimal("-1"), shares("1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
