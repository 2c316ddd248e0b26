package io.grantflow.eligibility.domain;

/** Why an application is ineligible (the codes of CASES.md), in Chinese and English. */
public enum ReasonCode {
    OUTSIDE_VALIDITY(
            "申请日期不在政策有效期（2025年5月23日至2027年12月31日）内",
            "The date is outside the policy's validity (2025-05-23 to 2027-12-31)"),
    OUTSIDE_JURISDICTION(
            "申请主体不在政策适用范围（无锡市区）内", "The applicant is outside the policy's jurisdiction (Wuxi urban districts)"),
    WRONG_BENEFICIARY_KIND("该项目不支持此类申请主体", "This programme does not fund this kind of applicant"),
    MISSING_FACT("缺少必填信息", "A required fact is missing"),
    THRESHOLD_NOT_MET("未达到申报条件", "A threshold of the programme is not met"),
    ALREADY_AWARDED("该事项已获得过支持", "This subject has already been awarded"),
    ANNUAL_CAP_REACHED("本年度该项目补助已达上限", "The annual cap of this programme is reached"),
    CUMULATIVE_CAP_REACHED("该事项累计补助已达上限", "The cumulative cap of this subject is reached"),
    COMBINED_CAP_REACHED("合计补助已达上限", "The combined cap is reached"),
    EXCLUSIVE_GROUP_TAKEN("同类支持不重复享受", "An award of the same exclusivity group was already granted"),
    ANNUAL_COUNT_REACHED("本年度获奖次数已达上限", "The annual number of awards is reached"),
    SUB_MARKET_TAKEN("该细分市场已获支持", "This sub-market was already awarded"),
    DUPLICATE_CITY_POLICY("同一项目不得重复享受市级同类政策", "The project is already funded by another city policy of the same kind"),
    NOT_ADMINISTERED("该项目不在本平台办理", "This programme is not administered here");

    private final String messageZh;
    private final String messageEn;

    ReasonCode(String messageZh, String messageEn) {
        this.messageZh = messageZh;
        this.messageEn = messageEn;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return messageEn;
    }
}
