package io.grantflow.contracts.vocabulary;

import java.util.Optional;

/**
 * The limits an evaluation names and the budget holds, written once: what each limits, in which
 * unit, and how its key is built. Eligibility builds claims with these keys; the budget keeps one
 * account per claim key ({@link #accountId}).
 */
public enum LimitKind {
    /** The award's own ceiling as evaluated: checked against the amount, no account. */
    PROGRAMME_CEILING(Unit.MONEY, "项目测算上限", "the programme's evaluated ceiling"),
    /** G4: one beneficiary's awards in a year across all programmes, in yuan. */
    BENEFICIARY_YEAR_AMOUNT(Unit.MONEY, "单位年度奖补总额", "a beneficiary's awards in a year"),
    /** G4: one beneficiary's number of awards in a year across all programmes. */
    BENEFICIARY_YEAR_COUNT(Unit.COUNT, "单位年度奖补次数", "a beneficiary's number of awards in a year"),
    /** 每年每家单位最高: one beneficiary in one programme in a year. */
    BENEFICIARY_PROGRAMME_YEAR(Unit.MONEY, "单位项目年度上限", "a beneficiary in one programme in a year"),
    /** 累计最高: one subject (platform, project) in one programme, ever. */
    SUBJECT_CUMULATIVE(Unit.MONEY, "同一对象累计上限", "one subject in one programme, ever"),
    /** All awards of one programme to one beneficiary, ever. */
    BENEFICIARY_PROGRAMME_TOTAL(Unit.MONEY, "单位项目累计上限", "a beneficiary in one programme, ever"),
    /** 不重复享受: at most one award of an exclusivity group per subject. */
    EXCLUSIVE_GROUP(Unit.COUNT, "不重复享受", "one award per exclusivity group and subject");

    /** What a limit counts: an amount of CNY (exact to the fen) or a number of awards. */
    public enum Unit {
        MONEY,
        COUNT
    }

    private final Unit unit;
    private final String zh;
    private final String en;

    LimitKind(Unit unit, String zh, String en) {
        this.unit = unit;
        this.zh = zh;
        this.en = en;
    }

    public Unit unit() {
        return unit;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** The kind a message names; empty for a name this version does not know (refused, not guessed). */
    public static Optional<LimitKind> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (LimitKind k : values()) {
            if (k.name().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The budget account that holds a claim of this kind under {@code key}. */
    public String accountId(String key) {
        return "CAP/" + name() + "/" + key;
    }

    // ---- keys: the one place each kind's key is built ------------------------------------------

    public static String ceilingKey(String programme, String beneficiary) {
        return programme + "/" + beneficiary;
    }

    /** For {@link #BENEFICIARY_YEAR_AMOUNT} and {@link #BENEFICIARY_YEAR_COUNT}. */
    public static String beneficiaryYearKey(String beneficiary, int year) {
        return beneficiary + "/" + year;
    }

    public static String beneficiaryProgrammeYearKey(String beneficiary, String programme, int year) {
        return beneficiary + "/" + programme + "/" + year;
    }

    public static String subjectKey(String programme, Object subject) {
        return programme + "/" + subject;
    }

    public static String beneficiaryProgrammeKey(String beneficiary, String programme) {
        return beneficiary + "/" + programme;
    }

    public static String exclusiveGroupKey(String group, Object subject) {
        return group + "/" + subject;
    }
}
