package io.grantflow.applications.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an approved amount into the instalments of a staged award (分年度拨付): each stage takes
 * its share rounded down to the fen, the last takes what is left, so the instalments add up to
 * the approved amount exactly.
 */
public final class Staging {
    /** A stage of the plan: years after the award year, and the share of the award. */
    public record Stage(int yearOffset, BigDecimal share) {
    }

    /** An instalment: the fiscal year whose budget pays it, and its amount. */
    public record Part(int fiscalYear, BigDecimal amount) {
    }

    private Staging() {
    }

    public static List<Part> split(BigDecimal approved, int awardYear, List<Stage> stages) {
        if (stages == null || stages.size() < 2) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>();
        BigDecimal left = approved;
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            BigDecimal amount = i == stages.size() - 1 ? left : approved.multiply(s.share()).setScale(2, RoundingMode.DOWN);
            left = left.subtract(amount);
            if (amount.signum() > 0) {
                parts.add(new Part(awardYear + s.yearOffset(), amount));
            }
        }
        return parts;
    }
}
