package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an application stands in the policy's procedure ("Flow of one award"). Which states may
 * follow which is {@link ProcedureCommand}'s table; {@link #next()} reads it.
 */
public enum ProcedureState {
    DRAFT("草稿", "Draft"),
    /** 免申即享: an offer made from a government record, being screened by eligibility. */
    SCREENING("免申即享资格筛查中", "Proactive offer, eligibility being screened"),
    /** 免申即享: screened eligible, the evaluated amount offered; the enterprise confirms (意愿确认) or declines. */
    OFFERED("免申即享待企业确认", "Proactive offer awaiting the enterprise's confirmation"),
    /** 免申即享: the enterprise declined the offer. */
    OFFER_DECLINED("企业已放弃免申即享", "Proactive offer declined by the enterprise"),
    SUBMITTED("已提交，资格审核中", "Submitted, eligibility being checked"),
    INELIGIBLE("不符合申报条件", "Not eligible"),
    ELIGIBLE("资格审核通过，待部门受理", "Eligible, waiting for a reviewer to take it"),
    UNDER_REVIEW("部门审核中", "Under department review"),
    CORRECTION_REQUESTED("待企业补正", "Correction requested from the applicant"),
    AWAITING_CONFIRMATION("待第二审核人复核", "Awaiting a second reviewer's confirmation"),
    RECOMMENDED("部门拟支持，待公示", "Recommended, awaiting public announcement"),
    IN_ANNOUNCEMENT("公示中", "In public announcement"),
    OBJECTION_RAISED("公示期内有异议，暂缓拨付", "Objection raised, payment held"),
    AWAITING_CITY_APPROVAL("待市政府同意", "Awaiting the city government's approval"),
    APPROVED("已批准，资金预留中", "Approved, budget reservation requested"),
    PARTLY_PAID("已部分拨付", "Partly paid"),
    PAID("已拨付", "Paid"),
    CLOSED("已办结", "Closed"),
    WITHDRAWN("已撤回", "Withdrawn"),
    REJECTED("未通过", "Rejected"),
    CLAWED_BACK("已追回", "Clawed back");

    /** States in which the department's review clock runs: the application is with the department. */
    private static final Set<ProcedureState> CLOCK_RUNS = EnumSet.of(ELIGIBLE, UNDER_REVIEW, AWAITING_CONFIRMATION);

    private final Bilingual label;

    ProcedureState(String zh, String en) {
        this.label = Bilingual.of(zh, en);
    }

    public Bilingual label() {
        return label;
    }

    /** The code a REST body or an event carries: {@code under_review}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The states this one may move to (itself included where a command keeps the state). */
    public Set<ProcedureState> next() {
        return ProcedureCommand.nextStates(this);
    }

    /** The commands accepted in this state. */
    public Set<ProcedureCommand> commands() {
        return ProcedureCommand.accepted(this);
    }

    public boolean canMoveTo(ProcedureState target) {
        return next().contains(target);
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }

    /** Whether the review deadline counts down in this state (not while the enterprise corrects, not after the decision). */
    public boolean reviewClockRuns() {
        return CLOCK_RUNS.contains(this);
    }
}
