package io.grantflow.disbursement.domain.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One instalment of a payment plan: its place (1 for the first), the fiscal year whose budget
 * holds it, its amount, the first day it may be paid and its condition.
 */
public record PlannedInstalment(
        int seq, int fiscalYear, BigDecimal amount, LocalDate dueDate, InstalmentCondition condition) {
    public PlannedInstalment {
        Objects.requireNonNull(amount);
        Objects.requireNonNull(dueDate);
        Objects.requireNonNull(condition);
    }

    /**
     * Whether it may be paid today: its due date has come, the instalment before it was paid
     * (the budget posts a payment to the next instalment it holds, so they go in order), and a
     * milestone was confirmed.
     */
    public boolean payable(LocalDate today, boolean previousPaid, boolean milestoneConfirmed) {
        if (!previousPaid || today.isBefore(dueDate)) {
            return false;
        }
        return condition != InstalmentCondition.MILESTONE || milestoneConfirmed;
    }
}
