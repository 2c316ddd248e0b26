package io.grantflow.budget.domain;

import io.grantflow.contracts.vocabulary.LimitKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a ledger account limits. Budget accounts (the fiscal year's total, allocations, district
 * blocks) are per fiscal year and take each instalment in its own year; award accounts (the
 * per-beneficiary and per-subject caps of the policy) take the whole award in the award year.
 */
public enum AccountKind {
    /** 年度总额控制: the fiscal year's total across all programmes (set by finance). */
    FISCAL_YEAR_TOTAL(Unit.FEN, true),
    /** An optional allocation of a fiscal year's total to one programme. */
    PROGRAMME_ALLOCATION(Unit.FEN, true),
    /** An optional allocation of a fiscal year's total to one department. */
    DEPARTMENT_ALLOCATION(Unit.FEN, true),
    /** 拨改转: the block a district may receive in a fiscal year. */
    DISTRICT_BLOCK(Unit.FEN, true),
    /** G4: one beneficiary's awards in a year, in yuan, across all programmes. */
    BENEFICIARY_YEAR_AMOUNT(LimitKind.BENEFICIARY_YEAR_AMOUNT),
    /** G4: one beneficiary's number of awards in a year, across all programmes. */
    BENEFICIARY_YEAR_COUNT(LimitKind.BENEFICIARY_YEAR_COUNT),
    /** 每年每家单位最高: one beneficiary in one programme in a year. */
    BENEFICIARY_PROGRAMME_YEAR(LimitKind.BENEFICIARY_PROGRAMME_YEAR),
    /** 累计最高: one subject (platform, project) in one programme, ever. */
    SUBJECT_CUMULATIVE(LimitKind.SUBJECT_CUMULATIVE),
    /** All awards of one programme to one beneficiary, ever. */
    BENEFICIARY_PROGRAMME_TOTAL(LimitKind.BENEFICIARY_PROGRAMME_TOTAL),
    /** 不重复享受: at most one award of an exclusivity group per subject. */
    EXCLUSIVE_GROUP(LimitKind.EXCLUSIVE_GROUP);

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

    private static final Map<LimitKind, AccountKind> HOLDING = new EnumMap<>(LimitKind.class);

    static {
        for (AccountKind k : values()) {
            if (k.limit != null && HOLDING.put(k.limit, k) != null) {
                throw new IllegalStateException("two account kinds hold " + k.limit);
            }
        }
    }

    private final Unit unit;
    private final boolean perFiscalYear;
    private final Origin origin;
    private final LimitKind limit;

    /** A budget account finance sets over REST. */
    AccountKind(Unit unit, boolean perFiscalYear) {
        this.unit = unit;
        this.perFiscalYear = perFiscalYear;
        this.origin = Origin.FINANCE;
        this.limit = null;
    }

    /** A cap of the policy: holds the claims of one published limit kind, in its unit, over the award year. */
    AccountKind(LimitKind limit) {
        this.unit = limit.unit() == LimitKind.Unit.MONEY ? Unit.FEN : Unit.COUNT;
        this.perFiscalYear = false;
        this.origin = Origin.POLICY;
        this.limit = limit;
    }

    /** The account kind that holds claims of {@code kind}; empty for the ceiling, which has no account. */
    public static Optional<AccountKind> holding(LimitKind kind) {
        return Optional.ofNullable(HOLDING.get(kind));
    }

    /** The published limit kind this account holds; empty for finance's budget accounts. */
    public Optional<LimitKind> limit() {
        return Optional.ofNullable(limit);
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
