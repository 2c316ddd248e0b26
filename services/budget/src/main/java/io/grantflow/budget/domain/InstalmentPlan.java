package io.grantflow.budget.domain;

/**
 * One instalment requested: the fiscal year whose budget pays it, its amount in fen, and the
 * condition of its payment the award's staging names (NONE, FISCAL_YEAR_START, MILESTONE; null
 * where it names none). The ledger only keeps the condition for disbursement's payment plan.
 */
public record InstalmentPlan(int fiscalYear, long amount, String condition) {
    public InstalmentPlan(int fiscalYear, long amount) {
        this(fiscalYear, amount, null);
    }
}
