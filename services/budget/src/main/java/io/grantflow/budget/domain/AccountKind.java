package io.grantflow.budget.domain;

/**
 * What a ledger account limits. Budget accounts (the fiscal year's total, allocations, district
 * blocks) are per fiscal year and take each instalment in its own year; award accounts (the
 * per-beneficiary and per-subject caps of the policy) take the whole award in the award year.
 */
public enum AccountKind {
    /** 年度总额控制: the fiscal year's total across all programmes (set by finance). */
    FISCAL_YEAR_TOTAL(Unit.FEN, true, Origin.FINANCE),
    /** An optional allocation of a fiscal year's total to one programme. */
    PROGRAMME_ALLOCATION(Unit.FEN, true, Origin.FINANCE),
    /** An optional allocation of a fiscal year's total to one department. */
    DEPARTMENT_ALLOCATION(Unit.FEN, true, Origin.FINANCE),
    /** 拨改转: the block a district may receive in a fiscal year. */
    DISTRICT_BLOCK(Unit.FEN, true, Origin.FINANCE),
    /** G4: one beneficiary's awards in a year, in yuan, across all programmes. */
    BENEFICIARY_YEAR_AMOUNT(Unit.FEN, false, Origin.POLICY),
    /** G4: one beneficiary's number of awards in a year, across all programmes. */
    BENEFICIARY_YEAR_COUNT(Unit.COUNT, false, Origin.POLICY),
    /** 每年每家单位最高: one beneficiary in one programme in a year. */
    BENEFICIARY_PROGRAMME_YEAR(Unit.FEN, false, Origin.POLICY),
    /** 累计最高: one subject (platform, project) in one programme, ever. */
    SUBJECT_CUMULATIVE(Unit.FEN, false, Origin.POLICY),
    /** All awards of one programme to one beneficiary, ever. */
    BENEFICIARY_PROGRAMME_TOTAL(Unit.FEN, false, Origin.POLICY),
    /** 不重复享受: at most one award of an exclusivity group per subject. */
    EXCLUSIVE_GROUP(Unit.COUNT, false, Origin.POLICY);

    /** What an account counts: fen of CNY, or awards. */
    public enum Unit {
        FEN,
        COUNT
    }

    /** Who sets the limit: finance over REST, or the policy (catalogue claims and G4 defaults). */
    public enum Origin {
        FINANCE,
        POLICY
    }

    private final Unit unit;
    private final boolean perFiscalYear;
    private final Origin origin;

    AccountKind(Unit unit, boolean perFiscalYear, Origin origin) {
        this.unit = unit;
        this.perFiscalYear = perFiscalYear;
        this.origin = origin;
    }

    public Unit unit() {
        return unit;
    }

    /** True for budget accounts, which take each instalment in its own fiscal year. */
    public boolean perFiscalYear() {
        return perFiscalYear;
    }

    public Origin origin() {
        return origin;
    }
}
