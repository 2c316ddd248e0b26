package io.grantflow.applications.domain;

import java.util.EnumSet;
import java.util.Set;

/** Where an application stands; each status names the statuses it may move to. */
public enum ApplicationStatus {
    SUBMITTED("已提交", "Submitted"),
    ELIGIBLE("资格审核通过，待部门审核", "Eligible, awaiting department review"),
    INELIGIBLE("不符合申报条件", "Not eligible"),
    APPROVED("部门审核通过，待资金预留", "Approved, funds being reserved"),
    REJECTED("部门审核未通过", "Rejected by the department"),
    FUNDS_RESERVED("资金已预留，待拨付", "Funds reserved, awaiting payment"),
    BUDGET_REFUSED("预算额度不足", "Refused: budget limit reached"),
    PAID("资金已拨付", "Paid"),
    PAYMENT_FAILED("拨付失败", "Payment failed");

    private final String labelZh;
    private final String labelEn;

    ApplicationStatus(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    public Set<ApplicationStatus> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(ELIGIBLE, INELIGIBLE);
            case ELIGIBLE -> EnumSet.of(APPROVED, REJECTED);
            case APPROVED -> EnumSet.of(FUNDS_RESERVED, BUDGET_REFUSED);
            case FUNDS_RESERVED -> EnumSet.of(PAID, PAYMENT_FAILED);
            case INELIGIBLE, REJECTED, BUDGET_REFUSED, PAID, PAYMENT_FAILED -> EnumSet.noneOf(ApplicationStatus.class);
        };
    }

    /** Whether {@code later} can still be reached from this status. */
    public boolean precedes(ApplicationStatus later) {
        for (ApplicationStatus step : next()) {
            if (step == later || step.precedes(later)) {
                return true;
            }
        }
        return false;
    }

    public boolean canMoveTo(ApplicationStatus target) {
        return next().contains(target);
    }
}
