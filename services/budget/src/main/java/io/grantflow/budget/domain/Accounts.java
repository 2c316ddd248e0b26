package io.grantflow.budget.domain;

/** Names of ledger accounts: stable, readable, and the key every limit is found by. */
public final class Accounts {
    private Accounts() {}

    /** The fiscal year's total across all programmes (G4). */
    public static String fiscalYearTotal(int fiscalYear) {
        return "FY" + fiscalYear + "/TOTAL";
    }

    public static String programme(int fiscalYear, String programme) {
        return "FY" + fiscalYear + "/PROGRAMME/" + programme;
    }

    public static String department(int fiscalYear, String department) {
        return "FY" + fiscalYear + "/DEPARTMENT/" + department;
    }

    public static String district(int fiscalYear, String district) {
        return "FY" + fiscalYear + "/DISTRICT/" + district;
    }

    public static String beneficiaryYearAmount(int fiscalYear, String beneficiary) {
        return "FY" + fiscalYear + "/BENEFICIARY/" + beneficiary + "/AMOUNT";
    }

    public static String beneficiaryYearCount(int fiscalYear, String beneficiary) {
        return "FY" + fiscalYear + "/BENEFICIARY/" + beneficiary + "/COUNT";
    }

    /** A cap the policy names through the evaluation's limit claims, keyed as the claim keys it. */
    public static String cap(AccountKind kind, String key) {
        return kind.limit()
                .orElseThrow(() -> new IllegalArgumentException(kind + " is not a cap of the policy"))
                .accountId(key);
    }
}
