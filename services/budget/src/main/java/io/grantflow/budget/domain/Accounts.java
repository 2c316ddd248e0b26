package io.grantflow.budget.domain;

/** Names of ledger accounts. */
public final class Accounts {
    public static final String FISCAL_YEAR_TOTAL = "FISCAL_YEAR_TOTAL";

    private Accounts() {
    }

    /** The account of a fiscal year's total budget across all programmes (G4). */
    public static String fiscalYearTotal(int fiscalYear) {
        return "FY" + fiscalYear + "/TOTAL";
    }
}
