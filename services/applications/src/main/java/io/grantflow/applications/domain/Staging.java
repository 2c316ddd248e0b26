package io.grantflow.applications.domain;

import io.grantflow.platform.money.Staged;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an approved amount into the instalments of a staged award (分年度拨付) with platform's
 * {@link Staged#split}, the same split the evaluation shows on the ceiling.
 */
public final class Staging {
    /**
     * A stage of the plan: years after the award year, the share of the award, and the condition
     * of its payment as the catalogue names it (null where it names none).
     */
    public record Stage(int yearOffset, BigDecimal share, String condition) {
        public Stage(int yearOffset, BigDecimal share) {
            this(yearOffset, share, null);
        }
    }

    /** An instalment: the fiscal year whose budget pays it, its amount, and its stage's condition (or null). */
    public record Part(int fiscalYear, BigDecimal amount, String condition) {
        public Part(int fiscalYear, BigDecimal amount) {
            this(fiscalYear, amount, null);
        }
    }

    private Staging() {}

    /** The instalments of a plan of two stages or more; an empty part (a fen split too thin) is no instalment. */
    public static List<Part> split(BigDecimal approved, int awardYear, List<Stage> stages) {
        if (stages == null || stages.size() < 2) {
            return List.of();
        }
        List<BigDecimal> amounts =
                Staged.split(approved, stages.stream().map(Stage::share).toList());
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            if (amounts.get(i).signum() > 0) {
                parts.add(new Part(
                        awardYear + stages.get(i).yearOffset(),
                        amounts.get(i),
                        stages.get(i).condition()));
            }
        }
        return parts;
    }
}
