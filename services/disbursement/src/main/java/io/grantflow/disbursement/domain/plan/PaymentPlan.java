package io.grantflow.disbursement.domain.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an approved award is paid: one instalment for a one-off award, one per fiscal year for a
 * staged one, exactly as the budget's reservation holds them (ADR 0024). The instalments add up
 * to the award, fall in the award year or later, one per year, each at most to the fen.
 */
public final class PaymentPlan {
    /** An instalment as the reservation names it; {@code condition} is null where the event carries none. */
    public record Part(int fiscalYear, BigDecimal amount, InstalmentCondition condition) {}

    /** A plan that cannot be: the reservation's instalments break an invariant. */
    public static final class InvalidPlanException extends RuntimeException {
        public InvalidPlanException(String message) {
            super(message);
        }
    }

    private final BigDecimal award;
    private final List<PlannedInstalment> instalments;

    private PaymentPlan(BigDecimal award, List<PlannedInstalment> instalments) {
        this.award = award;
        this.instalments = List.copyOf(instalments);
    }

    /**
     * The plan of a reservation of {@code award} made on {@code reservedOn} for {@code awardYear}.
     * No parts: one instalment of the whole award in the award year. A part without a condition
     * takes the default by year: the first NONE if its year has begun, every other FISCAL_YEAR_START. An
     * instalment is due on the reservation day or, in a later fiscal year, on 1 January of it.
     */
    public static PaymentPlan of(BigDecimal award, int awardYear, LocalDate reservedOn, List<Part> parts) {
        Objects.requireNonNull(award);
        Objects.requireNonNull(reservedOn);
        List<Part> given = parts == null || parts.isEmpty() ? List.of(new Part(awardYear, award, null)) : parts;
        if (award.signum() <= 0 || award.stripTrailingZeros().scale() > 2) {
            throw new InvalidPlanException("the award must be a positive amount in fen: " + award);
        }
        List<Part> sorted =
                given.stream().sorted(Comparator.comparingInt(Part::fiscalYear)).toList();
        Set<Integer> years = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        List<PlannedInstalment> planned = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Part p = sorted.get(i);
            if (p.amount() == null || p.amount().signum() <= 0) {
                throw new InvalidPlanException("instalment of " + p.fiscalYear() + " must be positive");
            }
            if (p.amount().stripTrailingZeros().scale() > 2) {
                throw new InvalidPlanException("instalment of " + p.fiscalYear() + " is not a whole number of fen");
            }
            if (p.fiscalYear() < awardYear) {
                throw new InvalidPlanException("instalment of " + p.fiscalYear() + " precedes the award year");
            }
            if (!years.add(p.fiscalYear())) {
                throw new InvalidPlanException("two instalments in " + p.fiscalYear());
            }
            sum = sum.add(p.amount());
            LocalDate yearStart = LocalDate.of(p.fiscalYear(), 1, 1);
            // by default an instalment waits for its fiscal year: even the first, when the award is
            // for a year not begun (a block grant reserved for next year is not paid this year)
            InstalmentCondition condition = p.condition() != null
                    ? p.condition()
                    : i == 0 && !yearStart.isAfter(reservedOn)
                            ? InstalmentCondition.NONE
                            : InstalmentCondition.FISCAL_YEAR_START;
            LocalDate due = yearStart.isAfter(reservedOn) ? yearStart : reservedOn;
            planned.add(new PlannedInstalment(i + 1, p.fiscalYear(), p.amount().setScale(2), due, condition));
        }
        if (sum.compareTo(award) != 0) {
            throw new InvalidPlanException("instalments add up to " + sum + ", not the award " + award);
        }
        return new PaymentPlan(award.setScale(2), planned);
    }

    public BigDecimal award() {
        return award;
    }

    public List<PlannedInstalment> instalments() {
        return instalments;
    }

    public PlannedInstalment first() {
        return instalments.get(0);
    }

    public boolean staged() {
        return instalments.size() > 1;
    }
}
