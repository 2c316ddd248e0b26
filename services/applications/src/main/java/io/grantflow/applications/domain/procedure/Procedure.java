package io.grantflow.applications.domain.procedure;

import io.grantflow.applications.domain.calendar.AnnouncementPeriod;
import io.grantflow.applications.domain.calendar.Deadline;
import io.grantflow.applications.domain.calendar.ReviewClock;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.applications.domain.procedure.ProcedureEvent.CityApprovalGround;
import io.grantflow.applications.domain.procedure.ProcedureEvent.Header;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One application's way through the policy's procedure (issue 10): draft → submitted →
 * eligible | ineligible → under review → (补正) → recommended (four-eyes above a threshold) →
 * 公示 (objections hold the money) → city approval where the programme or an override needs it
 * → approved (budget reservation) → paid / partly paid → closed; withdrawn, rejected, clawed
 * back. {@link ProcedureCommand} is the table of which command is accepted in which state.
 *
 * <p>Each command method checks, in this order and before it changes anything, (1) that the
 * state accepts the command ({@link IllegalTransitionException}, 409, with the allowed next
 * states), (2) that {@code at} is not before the last change, (3) who asks ({@link Actor}: role,
 * department, ownership, four-eyes; 403) and (4) what is asked (amounts, reasons, fields; 422).
 * A refused command leaves the procedure exactly as it was. An accepted one moves the state,
 * adds one to {@link #version()}, and returns its one {@link ProcedureEvent}, which is also kept
 * in {@link #pendingEvents()} for the application layer to write to the outbox and the audit
 * trail in the same transaction.
 *
 * <p>The review clock ({@link ReviewClock}) runs while the application is with the department
 * ({@link ProcedureState#reviewClockRuns()}) and stands still otherwise, in particular while a
 * correction notice is with the enterprise; it resumes with the working days that were left.
 *
 * <p>Not thread-safe: one instance per transaction, guarded by the row's version.
 */
public final class Procedure {
    private static final Map<String, Vocabulary.Term> DEPARTMENTS = Vocabulary.byCode(Vocabulary.DEPARTMENTS);
    /** At most this many items in one correction notice (as many as an application may have facts). */
    static final int MAX_CORRECTION_ITEMS = Bounds.FACTS;

    private final UUID id;
    private final String applicantId;
    private final String programme;
    private final ProcedureSettings settings;
    private final Instant createdAt;
    private final WorkingDayCalendar calendar;
    private ProcedureState state;
    private long version;
    private Instant updatedAt;
    private Evaluation evaluation;
    private String claimedBy;
    private ReviewClock clock;
    private CorrectionNotice openCorrection;
    private int correctionNotices;
    private Recommendation recommendation;
    private AnnouncementPeriod announcement;
    private List<Objection> objections;
    private Reservation reservation;
    private BudgetRefusal lastBudgetRefusal;
    private BigDecimal approvedAmount;
    private BigDecimal paid;
    private BigDecimal clawedBack;
    private Bilingual outcome;
    private final List<ProcedureEvent> pending = new ArrayList<>();

    /**
     * Everything the procedure keeps, for the persistence layer to store and give back to
     * {@link #restore}. Nullable fields are absent until the step that sets them.
     */
    public record Snapshot(
            UUID id,
            String applicantId,
            String programme,
            ProcedureSettings settings,
            Instant createdAt,
            ProcedureState state,
            long version,
            Instant updatedAt,
            Evaluation evaluation,
            String claimedBy,
            ReviewClock clock,
            CorrectionNotice openCorrection,
            int correctionNotices,
            Recommendation recommendation,
            AnnouncementPeriod announcement,
            List<Objection> objections,
            Reservation reservation,
            BudgetRefusal lastBudgetRefusal,
            BigDecimal approvedAmount,
            BigDecimal paid,
            BigDecimal clawedBack,
            Bilingual outcome) {
        public Snapshot {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(applicantId, "applicantId");
            Objects.requireNonNull(programme, "programme");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(updatedAt, "updatedAt");
            objections = objections == null ? List.of() : List.copyOf(objections);
            paid = paid == null ? Money.ZERO : paid;
        }
    }

    private Procedure(Snapshot s, WorkingDayCalendar calendar) {
        this.id = s.id();
        this.applicantId = s.applicantId();
        this.programme = s.programme();
        this.settings = s.settings();
        this.createdAt = s.createdAt();
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.state = s.state();
        this.version = s.version();
        this.updatedAt = s.updatedAt();
        this.evaluation = s.evaluation();
        this.claimedBy = s.claimedBy();
        this.clock = s.clock();
        this.openCorrection = s.openCorrection();
        this.correctionNotices = s.correctionNotices();
        this.recommendation = s.recommendation();
        this.announcement = s.announcement();
        this.objections = new ArrayList<>(s.objections());
        this.reservation = s.reservation();
        this.lastBudgetRefusal = s.lastBudgetRefusal();
        this.approvedAmount = s.approvedAmount();
        this.paid = s.paid();
        this.clawedBack = s.clawedBack();
        this.outcome = s.outcome();
    }

    /** A procedure as it was stored; no event is pending. */
    public static Procedure restore(Snapshot snapshot, WorkingDayCalendar calendar) {
        return new Procedure(snapshot, calendar);
    }

    /**
     * The enterprise starts a draft (saved and edited before it is submitted). The one event,
     * {@link ProcedureEvent.DraftCreated}, is in {@link #pendingEvents()}.
     *
     * @param settings the programme's procedure settings, kept for the application's whole way
     */
    public static Procedure draft(
            UUID id,
            String applicantId,
            String programme,
            ProcedureSettings settings,
            Actor actor,
            Instant at,
            WorkingDayCalendar calendar) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        requireText(applicantId, "applicantId");
        requireText(programme, "programme");
        if (actor.role() != ActorRole.ENTERPRISE || !applicantId.equals(actor.enterpriseId())) {
            throw forbidden("NOT_THE_APPLICANT", "只有申报单位本身可以创建申请草稿", "Only the applicant itself may start a draft");
        }
        Procedure p = new Procedure(
                new Snapshot(
                        id,
                        applicantId,
                        programme,
                        settings,
                        at,
                        ProcedureState.DRAFT,
                        1,
                        at,
                        null,
                        null,
                        null,
                        null,
                        0,
                        null,
                        null,
                        List.of(),
                        null,
                        null,
                        null,
                        Money.ZERO,
                        null,
                        null),
                calendar);
        p.pending.add(new ProcedureEvent.DraftCreated(
                new Header(id, 1, ProcedureCommand.CREATE_DRAFT, null, ProcedureState.DRAFT, actor, at),
                applicantId,
                programme,
                settings));
        return p;
    }

    // ---- the enterprise's submission and the evaluation ----

    public ProcedureEvent.Submitted submit(Actor actor, Instant at) {
        accept(ProcedureCommand.SUBMIT, at);
        requireApplicant(actor);
        return commit(ProcedureCommand.SUBMIT, ProcedureState.SUBMITTED, actor, at, ProcedureEvent.Submitted::new);
    }

    /**
     * Eligibility's answer. Eligible starts the department's review clock; a block-grant
     * programme is refused (those reservations are finance's four-eyes path, ADR 0013).
     *
     * @return {@link ProcedureEvent.FoundEligible} or {@link ProcedureEvent.FoundIneligible}
     */
    public ProcedureEvent recordEvaluation(Actor actor, Evaluation result, Instant at) {
        accept(ProcedureCommand.RECORD_EVALUATION, at);
        requireSystem(actor);
        Objects.requireNonNull(result, "evaluation");
        if (!result.eligible()) {
            evaluation = result;
            outcome = result.reasons().isEmpty() ? null : result.reasons().get(0);
            return commit(
                    ProcedureCommand.RECORD_EVALUATION,
                    ProcedureState.INELIGIBLE,
                    actor,
                    at,
                    h -> new ProcedureEvent.FoundIneligible(h, result));
        }
        if (result.department() == null || !Vocabulary.DEPARTMENT_CODES.contains(result.department())) {
            throw unprocessable(
                    "UNKNOWN_DEPARTMENT",
                    "department",
                    "评估结果未指明有效的审核部门：" + result.department(),
                    "The evaluation names no known reviewing department: " + result.department());
        }
        if (result.flags().contains(ProgrammeFlag.BLOCK_GRANT)) {
            throw unprocessable(
                    "BLOCK_GRANT_NOT_AN_APPLICATION",
                    "programme",
                    "“拨改转”切块资金由财政两人提出和批准，不经申请程序",
                    "A block grant is proposed and approved by two finance officers, not through an application");
        }
        evaluation = result;
        return commit(
                ProcedureCommand.RECORD_EVALUATION,
                ProcedureState.ELIGIBLE,
                actor,
                at,
                h -> new ProcedureEvent.FoundEligible(
                        h, result, reviewDeadline().orElseThrow()));
    }

    // ---- department review ----

    /** A reviewer of the programme's department takes the application; only the claimant reviews it from here. */
    public ProcedureEvent.ReviewClaimed claim(Actor actor, Instant at) {
        accept(ProcedureCommand.CLAIM, at);
        requireDepartmentReviewer(actor);
        claimedBy = actor.id();
        return commit(
                ProcedureCommand.CLAIM,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.ReviewClaimed(h, actor.id()));
    }

    /**
     * One notice listing every item to correct, each with its field (one item per field). The
     * review clock stands still until the enterprise answers.
     */
    public ProcedureEvent.CorrectionRequested requestCorrection(Actor actor, List<CorrectionItem> items, Instant at) {
        accept(ProcedureCommand.REQUEST_CORRECTION, at);
        requireClaimant(actor);
        if (items == null || items.isEmpty()) {
            throw unprocessable(
                    "NO_CORRECTION_ITEMS", "items", "补正通知须列明需补正的事项", "A correction notice lists the items to correct");
        }
        if (items.size() > MAX_CORRECTION_ITEMS) {
            throw unprocessable(
                    "TOO_MANY_CORRECTION_ITEMS",
                    "items",
                    "补正事项最多 " + MAX_CORRECTION_ITEMS + " 项",
                    "At most " + MAX_CORRECTION_ITEMS + " items in one notice");
        }
        Set<String> fields = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            CorrectionItem item = items.get(i);
            String where = "items[" + i + "]";
            if (item == null || item.field().isBlank() || item.field().length() > Bounds.NAME) {
                throw unprocessable(
                        "CORRECTION_FIELD_REQUIRED",
                        where + ".field",
                        "每项补正须指明字段（最多 " + Bounds.NAME + " 个字符）",
                        "Each item names its field (at most " + Bounds.NAME + " characters)");
            }
            if (!fields.add(item.field())) {
                throw unprocessable(
                        "DUPLICATE_CORRECTION_FIELD",
                        where + ".field",
                        "字段“" + item.field() + "”重复：同一字段的问题写在一项中",
                        "Field " + item.field() + " appears twice: one item per field");
            }
            requireReasons(item.explanation(), where + ".explanation");
        }
        correctionNotices++;
        openCorrection = new CorrectionNotice(correctionNotices, items, actor.id(), at);
        return commit(
                ProcedureCommand.REQUEST_CORRECTION,
                ProcedureState.CORRECTION_REQUESTED,
                actor,
                at,
                h -> new ProcedureEvent.CorrectionRequested(
                        h, openCorrection, clock.remaining(calendar, calendar.dateOf(at))));
    }

    /**
     * The enterprise answers the open notice, once: it names the notice and the fields it
     * corrected, each of which the notice must have asked for. The review clock resumes.
     */
    public ProcedureEvent.CorrectionResubmitted resubmit(
            Actor actor, int noticeNumber, Set<String> correctedFields, Instant at) {
        accept(ProcedureCommand.RESUBMIT, at);
        requireApplicant(actor);
        if (noticeNumber != openCorrection.number()) {
            throw conflict(
                    "STALE_CORRECTION_NOTICE",
                    "noticeNumber",
                    "补正通知第 " + noticeNumber + " 号已不是待答复的通知（当前为第 " + openCorrection.number() + " 号）",
                    "Notice " + noticeNumber + " is not the open one (that is " + openCorrection.number() + ")");
        }
        if (correctedFields == null || correctedFields.isEmpty()) {
            throw unprocessable("NOTHING_CORRECTED", "correctedFields", "请列明已补正的字段", "Name the fields you corrected");
        }
        Set<String> asked = openCorrection.fields();
        for (String field : correctedFields) {
            if (!asked.contains(field)) {
                throw unprocessable(
                        "FIELD_NOT_REQUESTED",
                        "correctedFields",
                        "补正通知未要求修改“" + field + "”",
                        "The notice did not ask to change " + field);
            }
        }
        int answered = openCorrection.number();
        Set<String> corrected = Set.copyOf(correctedFields);
        openCorrection = null;
        return commit(
                ProcedureCommand.RESUBMIT,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.CorrectionResubmitted(
                        h, answered, corrected, reviewDeadline().orElseThrow()));
    }

    /**
     * The claimant proposes an amount with reasons. Without an override it may not exceed the
     * evaluated ceiling; above it only through {@code override}, of a kind the programme allows,
     * with a justification, which sends it to the city government after the announcement. A
     * second reviewer must confirm when the amount is above the four-eyes threshold or the
     * programme has no ceiling (then nobody approves an amount alone).
     *
     * @param override null for a recommendation within the ceiling
     */
    public ProcedureEvent.Recommended recommend(
            Actor actor, BigDecimal amount, Bilingual reasons, CeilingOverride.Request override, Instant at) {
        accept(ProcedureCommand.RECOMMEND, at);
        requireClaimant(actor);
        BigDecimal exact = requireAmount(amount, "amount");
        Bilingual why = requireReasons(reasons, "reasons");
        BigDecimal ceiling = evaluation.ceiling();
        CeilingOverride departure = null;
        if (override == null) {
            if (ceiling != null && exact.compareTo(ceiling) > 0) {
                throw unprocessable(
                        "AMOUNT_ABOVE_CEILING",
                        "amount",
                        "拟支持金额不得高于测算上限 " + Money.format(ceiling) + " 元；政策允许的一事一议须以上浮申请（override）提出并报市政府同意",
                        "The amount may not exceed the ceiling of " + Money.format(ceiling)
                                + "; a departure the policy allows goes as an override, approved by the city");
            }
        } else {
            if (override.kind() == null || !settings.overrides().contains(override.kind())) {
                throw unprocessable(
                        "OVERRIDE_NOT_ALLOWED",
                        "override.kind",
                        "本项目不允许该类上浮："
                                + (override.kind() == null
                                        ? "未指明"
                                        : override.kind().label().zh()),
                        "This programme allows no "
                                + (override.kind() == null
                                        ? "unnamed"
                                        : override.kind().label().en()) + " override");
            }
            if (ceiling == null) {
                throw unprocessable(
                        "NO_CEILING_TO_EXCEED",
                        "override",
                        "本申请无测算上限，无需上浮：直接提出金额并说明理由",
                        "There is no ceiling to exceed: propose the amount with its reasons");
            }
            if (exact.compareTo(ceiling) <= 0) {
                throw unprocessable(
                        "OVERRIDE_NOT_NEEDED",
                        "override",
                        "金额未超过测算上限 " + Money.format(ceiling) + " 元，无需上浮",
                        "The amount is within the ceiling of " + Money.format(ceiling) + "; no override is needed");
            }
            departure = new CeilingOverride(
                    override.kind(), requireReasons(override.justification(), "override.justification"), evaluation);
        }
        boolean fourEyes = ceiling == null || exact.compareTo(settings.fourEyesAbove()) > 0;
        recommendation = new Recommendation(exact, why, actor.id(), at, departure, fourEyes, null, null);
        ProcedureState to = fourEyes ? ProcedureState.AWAITING_CONFIRMATION : ProcedureState.RECOMMENDED;
        return commit(
                ProcedureCommand.RECOMMEND, to, actor, at, h -> new ProcedureEvent.Recommended(h, recommendation));
    }

    /** A second reviewer of the same department confirms; never the one who recommended (four-eyes). */
    public ProcedureEvent.RecommendationConfirmed confirm(Actor actor, Instant at) {
        accept(ProcedureCommand.CONFIRM, at);
        requireSecondReviewer(actor);
        recommendation = recommendation.confirmed(actor.id(), at);
        return commit(
                ProcedureCommand.CONFIRM,
                ProcedureState.RECOMMENDED,
                actor,
                at,
                h -> new ProcedureEvent.RecommendationConfirmed(h, recommendation));
    }

    /** The second reviewer sends it back to the claimant, with reasons. */
    public ProcedureEvent.ConfirmationDeclined declineConfirmation(Actor actor, Bilingual reasons, Instant at) {
        accept(ProcedureCommand.DECLINE_CONFIRMATION, at);
        requireSecondReviewer(actor);
        Bilingual why = requireReasons(reasons, "reasons");
        Recommendation declined = recommendation;
        recommendation = null;
        return commit(
                ProcedureCommand.DECLINE_CONFIRMATION,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.ConfirmationDeclined(h, declined, why));
    }

    // ---- public announcement (公示) ----

    /** The recommendation goes to public announcement for the programme's period, counted on the calendar. */
    public ProcedureEvent.AnnouncementStarted announce(Actor actor, Instant at) {
        accept(ProcedureCommand.ANNOUNCE, at);
        if (actor.role() != ActorRole.SYSTEM) {
            requireDepartmentReviewer(actor);
        }
        announcement = AnnouncementPeriod.of(calendar, at, settings.announcementWorkingDays());
        objections.clear();
        return commit(
                ProcedureCommand.ANNOUNCE,
                ProcedureState.IN_ANNOUNCEMENT,
                actor,
                at,
                h -> new ProcedureEvent.AnnouncementStarted(h, announcement, recommendation.amount()));
    }

    /**
     * An objection during the period, with reasons, by an enterprise or a reviewer (of any
     * department); the money is held until the department resolves it. One open objection per
     * person; none once the period has closed.
     */
    public ProcedureEvent.ObjectionRaised raiseObjection(Actor actor, Bilingual reasons, Instant at) {
        accept(ProcedureCommand.RAISE_OBJECTION, at);
        requireRole(actor, ActorRole.ENTERPRISE, ActorRole.REVIEWER);
        if (!announcement.openAt(at)) {
            throw conflict(
                    "ANNOUNCEMENT_CLOSED",
                    null,
                    "公示期已于 " + announcement.lastDay() + " 结束",
                    "The announcement period ended on " + announcement.lastDay());
        }
        if (objections.stream().anyMatch(o -> o.raisedBy().equals(actor.id()))) {
            throw conflict(
                    "OBJECTION_ALREADY_RAISED", null, "您已提出异议，正在处理中", "Your objection is already being dealt with");
        }
        Objection objection = new Objection(actor.id(), actor.role(), requireReasons(reasons, "reasons"), at);
        objections.add(objection);
        int open = objections.size();
        return commit(
                ProcedureCommand.RAISE_OBJECTION,
                ProcedureState.OBJECTION_RAISED,
                actor,
                at,
                h -> new ProcedureEvent.ObjectionRaised(h, objection, open));
    }

    /** The objections are unfounded: the announcement goes on (and closes when its period ends). */
    public ProcedureEvent.ObjectionsDismissed dismissObjections(Actor actor, Bilingual reasons, Instant at) {
        accept(ProcedureCommand.DISMISS_OBJECTIONS, at);
        requireDepartmentReviewer(actor);
        Bilingual why = requireReasons(reasons, "reasons");
        List<Objection> resolved = List.copyOf(objections);
        objections.clear();
        return commit(
                ProcedureCommand.DISMISS_OBJECTIONS,
                ProcedureState.IN_ANNOUNCEMENT,
                actor,
                at,
                h -> new ProcedureEvent.ObjectionsDismissed(h, resolved, why));
    }

    /**
     * An objection is founded: back to review with the resolver as claimant, for a new amount
     * (announced again) or a rejection.
     */
    public ProcedureEvent.ObjectionUpheld upholdObjection(Actor actor, Bilingual reasons, Instant at) {
        accept(ProcedureCommand.UPHOLD_OBJECTION, at);
        requireDepartmentReviewer(actor);
        Bilingual why = requireReasons(reasons, "reasons");
        List<Objection> resolved = List.copyOf(objections);
        Recommendation withdrawn = recommendation;
        objections.clear();
        recommendation = null;
        announcement = null;
        claimedBy = actor.id();
        return commit(
                ProcedureCommand.UPHOLD_OBJECTION,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.ObjectionUpheld(h, resolved, why, withdrawn));
    }

    /**
     * The scheduled job, once the period has closed: to the city government when
     * {@link #cityApprovalGrounds()} names a ground, else approved.
     *
     * @param reservationId the reservation to ask the budget for if this approves (made by the
     *                      caller, so that a retried job asks for the same one)
     * @return {@link ProcedureEvent.SentForCityApproval} or {@link ProcedureEvent.Approved}
     */
    public ProcedureEvent closeAnnouncement(Actor actor, UUID reservationId, Instant at) {
        accept(ProcedureCommand.CLOSE_ANNOUNCEMENT, at);
        requireSystem(actor);
        Objects.requireNonNull(reservationId, "reservationId");
        if (announcement.openAt(at)) {
            throw conflict(
                    "ANNOUNCEMENT_NOT_OVER",
                    null,
                    "公示期至 " + announcement.lastDay() + " 结束，尚未期满",
                    "The announcement period runs until " + announcement.lastDay());
        }
        Set<CityApprovalGround> grounds = cityApprovalGrounds();
        if (!grounds.isEmpty()) {
            return commit(
                    ProcedureCommand.CLOSE_ANNOUNCEMENT,
                    ProcedureState.AWAITING_CITY_APPROVAL,
                    actor,
                    at,
                    h -> new ProcedureEvent.SentForCityApproval(h, grounds, recommendation.amount()));
        }
        approveWith(reservationId);
        return commit(
                ProcedureCommand.CLOSE_ANNOUNCEMENT,
                ProcedureState.APPROVED,
                actor,
                at,
                h -> new ProcedureEvent.Approved(h, approvedAmount, reservationId, recommendation, null));
    }

    /** The city government consents (role city_approver, never a reviewer who recommended or confirmed it). */
    public ProcedureEvent.Approved cityApprove(Actor actor, UUID reservationId, Instant at) {
        accept(ProcedureCommand.CITY_APPROVE, at);
        requireCityApprover(actor);
        Objects.requireNonNull(reservationId, "reservationId");
        approveWith(reservationId);
        return commit(
                ProcedureCommand.CITY_APPROVE,
                ProcedureState.APPROVED,
                actor,
                at,
                h -> new ProcedureEvent.Approved(h, approvedAmount, reservationId, recommendation, actor.id()));
    }

    /**
     * Turned down with reasons: under review by the claimant, after an objection by a reviewer of
     * the department, awaiting city approval by a city approver.
     */
    public ProcedureEvent.Rejected reject(Actor actor, Bilingual reasons, Instant at) {
        accept(ProcedureCommand.REJECT, at);
        switch (state) {
            case UNDER_REVIEW -> requireClaimant(actor);
            case OBJECTION_RAISED -> requireDepartmentReviewer(actor);
            default -> requireCityApprover(actor);
        }
        Bilingual why = requireReasons(reasons, "reasons");
        outcome = why;
        objections.clear();
        return commit(
                ProcedureCommand.REJECT, ProcedureState.REJECTED, actor, at, h -> new ProcedureEvent.Rejected(h, why));
    }

    // ---- the budget and the payment ----

    /** The budget reserved the approved amount (FundsReservedV1). */
    public ProcedureEvent.FundsReserved recordFundsReserved(Actor actor, UUID reservationId, Instant at) {
        accept(ProcedureCommand.RECORD_FUNDS_RESERVED, at);
        requireSystem(actor);
        requireOpenReservation(reservationId);
        reservation = reservation.reserved();
        return commit(
                ProcedureCommand.RECORD_FUNDS_RESERVED,
                ProcedureState.APPROVED,
                actor,
                at,
                h -> new ProcedureEvent.FundsReserved(h, reservationId));
    }

    /**
     * The budget refused (ReservationRefusedV1): back to the reviewer who recommended it, with
     * the account that ran out and its headroom, for a lower amount (announced again) or a
     * rejection.
     */
    public ProcedureEvent.BudgetRefused recordBudgetRefusal(
            Actor actor, UUID reservationId, BudgetRefusal refusal, Instant at) {
        accept(ProcedureCommand.RECORD_BUDGET_REFUSAL, at);
        requireSystem(actor);
        requireOpenReservation(reservationId);
        Objects.requireNonNull(refusal, "refusal");
        String returnedTo = recommendation.recommendedBy();
        claimedBy = returnedTo;
        lastBudgetRefusal = refusal;
        recommendation = null;
        announcement = null;
        reservation = null;
        approvedAmount = null;
        return commit(
                ProcedureCommand.RECORD_BUDGET_REFUSAL,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.BudgetRefused(h, reservationId, refusal, returnedTo));
    }

    /**
     * Disbursement paid {@code amount} (all, or an instalment). A payment proves the reservation
     * even when the budget's own answer, on another topic, has not arrived yet. Never more than
     * approved in all.
     */
    public ProcedureEvent.PaymentRecorded recordPayment(
            Actor actor, UUID reservationId, BigDecimal amount, Instant at) {
        accept(ProcedureCommand.RECORD_PAYMENT, at);
        requireSystem(actor);
        requireReservation(reservationId);
        BigDecimal exact = requireAmount(amount, "amount");
        BigDecimal total = paid.add(exact);
        if (total.compareTo(approvedAmount) > 0) {
            throw unprocessable(
                    "PAYMENT_ABOVE_APPROVAL",
                    "amount",
                    "拨付合计 " + Money.format(total) + " 元将超过批准金额 " + Money.format(approvedAmount) + " 元",
                    "Payments of " + Money.format(total) + " in all would exceed the approved "
                            + Money.format(approvedAmount));
        }
        paid = total;
        reservation = reservation.reserved();
        ProcedureState to = total.compareTo(approvedAmount) == 0 ? ProcedureState.PAID : ProcedureState.PARTLY_PAID;
        return commit(
                ProcedureCommand.RECORD_PAYMENT,
                to,
                actor,
                at,
                h -> new ProcedureEvent.PaymentRecorded(h, reservationId, exact, total, approvedAmount));
    }

    /**
     * 办结, by a reviewer of the department or a service. Closing a partly paid award needs a
     * note (the rest is released, and the note says why).
     *
     * @param note optional when paid in full
     */
    public ProcedureEvent.Closed close(Actor actor, Bilingual note, Instant at) {
        accept(ProcedureCommand.CLOSE, at);
        if (actor.role() != ActorRole.SYSTEM) {
            requireDepartmentReviewer(actor);
        }
        Bilingual why = state == ProcedureState.PARTLY_PAID || note != null ? requireReasons(note, "note") : null;
        BigDecimal unpaid = approvedAmount.subtract(paid);
        outcome = why;
        return commit(
                ProcedureCommand.CLOSE,
                ProcedureState.CLOSED,
                actor,
                at,
                h -> new ProcedureEvent.Closed(h, why, unpaid));
    }

    // ---- withdrawal and clawback ----

    /**
     * The enterprise withdraws, any time before a payment. The event names the reservation the
     * budget must void, if one was asked for.
     *
     * @param reason optional
     */
    public ProcedureEvent.Withdrawn withdraw(Actor actor, Bilingual reason, Instant at) {
        accept(ProcedureCommand.WITHDRAW, at);
        requireApplicant(actor);
        Bilingual why = reason == null ? null : requireReasons(reason, "reason");
        UUID toVoid = reservation == null ? null : reservation.id();
        outcome = why;
        reservation = null;
        objections.clear();
        openCorrection = null;
        return commit(
                ProcedureCommand.WITHDRAW,
                ProcedureState.WITHDRAWN,
                actor,
                at,
                h -> new ProcedureEvent.Withdrawn(h, why, toVoid));
    }

    /** Money paid is recovered (追回), by a reviewer of the department, with reasons; at most what was paid. */
    public ProcedureEvent.ClawedBack clawBack(Actor actor, BigDecimal amount, Bilingual reasons, Instant at) {
        accept(ProcedureCommand.CLAW_BACK, at);
        requireDepartmentReviewer(actor);
        BigDecimal exact = requireAmount(amount, "amount");
        if (exact.compareTo(paid) > 0) {
            throw unprocessable(
                    "CLAWBACK_ABOVE_PAID",
                    "amount",
                    "追回金额不得高于已拨付的 " + Money.format(paid) + " 元",
                    "No more than the " + Money.format(paid) + " paid can be clawed back");
        }
        Bilingual why = requireReasons(reasons, "reasons");
        clawedBack = exact;
        outcome = why;
        UUID reservationId = reservation == null ? null : reservation.id();
        return commit(
                ProcedureCommand.CLAW_BACK,
                ProcedureState.CLAWED_BACK,
                actor,
                at,
                h -> new ProcedureEvent.ClawedBack(h, exact, why, reservationId));
    }

    // ---- what the procedure says about itself ----

    /**
     * Why the city government must approve: the programme's flags (CITY_APPROVAL, CASE_BY_CASE)
     * and an override in the recommendation. Empty when the announcement leads straight to
     * approval.
     */
    public Set<CityApprovalGround> cityApprovalGrounds() {
        EnumSet<CityApprovalGround> grounds = EnumSet.noneOf(CityApprovalGround.class);
        if (evaluation != null && evaluation.flags().contains(ProgrammeFlag.CITY_APPROVAL)) {
            grounds.add(CityApprovalGround.PROGRAMME_REQUIRES_IT);
        }
        if (evaluation != null && evaluation.flags().contains(ProgrammeFlag.CASE_BY_CASE)) {
            grounds.add(CityApprovalGround.CASE_BY_CASE);
        }
        if (recommendation != null && recommendation.overridesCeiling()) {
            grounds.add(CityApprovalGround.CEILING_OVERRIDE);
        }
        return Collections.unmodifiableSet(grounds);
    }

    /** The review deadline while the clock runs; empty before eligibility, while 补正 is with the enterprise, after the decision. */
    public Optional<Deadline> reviewDeadline() {
        return clock == null ? Optional.empty() : clock.deadline(calendar);
    }

    /** Working days the department has left at this instant (negative once late); empty before eligibility. */
    public Optional<Integer> reviewWorkingDaysLeft(Instant now) {
        return clock == null ? Optional.empty() : Optional.of(clock.remaining(calendar, calendar.dateOf(now)));
    }

    /** Whether the department is late with its review at this instant (for the overdue list). */
    public boolean reviewOverdue(Instant now) {
        return clock != null && state.reviewClockRuns() && clock.overdue(calendar, calendar.dateOf(now));
    }

    /** The states the procedure may move to from here. */
    public Set<ProcedureState> allowedNext() {
        return state.next();
    }

    /** The commands accepted in the current state (who may give them is checked when given). */
    public Set<ProcedureCommand> allowedCommands() {
        return state.commands();
    }

    /** The events of the commands accepted since the procedure was created or restored, in order. */
    public List<ProcedureEvent> pendingEvents() {
        return List.copyOf(pending);
    }

    /** The pending events, handed over once: the list is empty afterwards. */
    public List<ProcedureEvent> drainEvents() {
        List<ProcedureEvent> events = List.copyOf(pending);
        pending.clear();
        return events;
    }

    public Snapshot snapshot() {
        return new Snapshot(
                id,
                applicantId,
                programme,
                settings,
                createdAt,
                state,
                version,
                updatedAt,
                evaluation,
                claimedBy,
                clock,
                openCorrection,
                correctionNotices,
                recommendation,
                announcement,
                objections,
                reservation,
                lastBudgetRefusal,
                approvedAmount,
                paid,
                clawedBack,
                outcome);
    }

    public UUID id() {
        return id;
    }

    public String applicantId() {
        return applicantId;
    }

    public String programme() {
        return programme;
    }

    public ProcedureSettings settings() {
        return settings;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public ProcedureState state() {
        return state;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Evaluation evaluation() {
        return evaluation;
    }
    /** The reviewing department, once evaluated. */
    public String department() {
        return evaluation == null ? null : evaluation.department();
    }

    public String claimedBy() {
        return claimedBy;
    }

    public ReviewClock reviewClock() {
        return clock;
    }

    public CorrectionNotice openCorrection() {
        return openCorrection;
    }

    public int correctionNotices() {
        return correctionNotices;
    }

    public Recommendation recommendation() {
        return recommendation;
    }

    public AnnouncementPeriod announcement() {
        return announcement;
    }

    public List<Objection> objections() {
        return List.copyOf(objections);
    }

    public Reservation reservation() {
        return reservation;
    }

    public BudgetRefusal lastBudgetRefusal() {
        return lastBudgetRefusal;
    }

    public BigDecimal approvedAmount() {
        return approvedAmount;
    }

    public BigDecimal paid() {
        return paid;
    }

    public BigDecimal clawedBack() {
        return clawedBack;
    }
    /** The reasons of the last ending (ineligible, rejected, withdrawn, closed with a note, clawed back). */
    public Bilingual outcome() {
        return outcome;
    }

    // ---- the machinery ----

    private void accept(ProcedureCommand command, Instant at) {
        if (!command.acceptedIn(state)) {
            throw new IllegalTransitionException(state, command);
        }
        Objects.requireNonNull(at, "at");
        if (at.isBefore(updatedAt)) {
            // a command dated before the last change would run the review clock backwards
            throw conflict(
                    "BEFORE_LAST_CHANGE",
                    null,
                    "操作时间早于申请的上一次变更（" + updatedAt + "）",
                    "The command is dated before the application's last change (" + updatedAt + ")");
        }
    }

    /** Moves to {@code to}: the clock follows the state, the version goes up, the one event is recorded. */
    private <E extends ProcedureEvent> E commit(
            ProcedureCommand command, ProcedureState to, Actor actor, Instant at, Function<Header, E> event) {
        if (!command.to().contains(to)) {
            throw new IllegalStateException(command + " may not lead to " + to); // the table and the code disagree
        }
        ProcedureState from = state;
        LocalDate day = calendar.dateOf(at);
        if (clock == null) {
            if (to.reviewClockRuns()) {
                clock = ReviewClock.start(settings.reviewWorkingDays(), day);
            }
        } else if (from.reviewClockRuns() && !to.reviewClockRuns()) {
            clock = clock.pause(calendar, day);
        } else if (!from.reviewClockRuns() && to.reviewClockRuns()) {
            clock = clock.resume(day);
        }
        state = to;
        version++;
        updatedAt = at;
        E e = event.apply(new Header(id, version, command, from, to, actor, at));
        pending.add(e);
        return e;
    }

    private void approveWith(UUID reservationId) {
        approvedAmount = recommendation.amount();
        reservation = new Reservation(reservationId, approvedAmount, Reservation.Status.REQUESTED);
    }

    private void requireApplicant(Actor actor) {
        if (actor.role() != ActorRole.ENTERPRISE || !applicantId.equals(actor.enterpriseId())) {
            throw forbidden("NOT_THE_APPLICANT", "只有申报单位本身可以执行此操作", "Only the applicant itself may do this");
        }
    }

    private void requireSystem(Actor actor) {
        requireRole(actor, ActorRole.SYSTEM);
    }

    private void requireDepartmentReviewer(Actor actor) {
        requireRole(actor, ActorRole.REVIEWER);
        String department = department();
        if (!actor.department().equals(department)) {
            Vocabulary.Term term = DEPARTMENTS.get(department);
            throw forbidden(
                    "WRONG_DEPARTMENT",
                    "该申请由" + (term == null ? department : term.zh()) + "审核",
                    "This application is reviewed by " + (term == null ? department : term.en()));
        }
    }

    private void requireClaimant(Actor actor) {
        requireDepartmentReviewer(actor);
        if (!actor.id().equals(claimedBy)) {
            throw forbidden(
                    "NOT_THE_CLAIMANT",
                    "该申请已由审核人 " + claimedBy + " 受理",
                    "This application is being reviewed by " + claimedBy);
        }
    }

    private void requireSecondReviewer(Actor actor) {
        requireDepartmentReviewer(actor);
        if (actor.id().equals(recommendation.recommendedBy())) {
            throw forbidden(
                    "FOUR_EYES",
                    "复核须由同一部门的另一名审核人进行，不能由提出人本人确认",
                    "A second reviewer of the department confirms, never the one who recommended");
        }
    }

    private void requireCityApprover(Actor actor) {
        requireRole(actor, ActorRole.CITY_APPROVER);
        if (actor.id().equals(recommendation.recommendedBy()) || actor.id().equals(recommendation.confirmedBy())) {
            throw forbidden(
                    "FOUR_EYES",
                    "市政府审批人不能是本申请的提出人或复核人",
                    "The city approver cannot be the reviewer who recommended or confirmed it");
        }
    }

    private static void requireRole(Actor actor, ActorRole... roles) {
        Objects.requireNonNull(actor, "actor");
        for (ActorRole role : roles) {
            if (actor.role() == role) {
                return;
            }
        }
        StringBuilder names = new StringBuilder();
        for (ActorRole role : roles) {
            names.append(names.isEmpty() ? "" : ", ").append(role.code());
        }
        throw forbidden(
                "ROLE_NOT_ALLOWED",
                "角色 " + actor.role().code() + " 不能执行此操作（限 " + names + "）",
                "Role " + actor.role().code() + " may not do this (only " + names + ")");
    }

    private void requireReservation(UUID reservationId) {
        if (reservation == null || !reservation.id().equals(reservationId)) {
            throw conflict(
                    "UNKNOWN_RESERVATION",
                    null,
                    "资金预留编号与本申请不符：" + reservationId,
                    "Reservation " + reservationId + " is not this application's");
        }
    }

    private void requireOpenReservation(UUID reservationId) {
        requireReservation(reservationId);
        if (reservation.status() != Reservation.Status.REQUESTED) {
            throw conflict("RESERVATION_ALREADY_CONFIRMED", null, "预算已确认该资金预留", "The budget already confirmed it");
        }
    }

    private static BigDecimal requireAmount(BigDecimal amount, String field) {
        if (amount == null) {
            throw unprocessable("AMOUNT_REQUIRED", field, "金额必填", "An amount is required");
        }
        if (amount.signum() <= 0) {
            throw unprocessable("AMOUNT_NOT_POSITIVE", field, "金额须大于零", "The amount must be positive");
        }
        try {
            return Money.exact(amount);
        } catch (Money.InvalidAmountException e) {
            throw unprocessable(
                    "AMOUNT_NOT_IN_FEN",
                    field,
                    "金额须精确到分且不超过 " + Bounds.MAX_AMOUNT + " 元：" + amount.toPlainString(),
                    "An amount is exact to the fen and at most " + Bounds.MAX_AMOUNT + ": " + amount.toPlainString());
        }
    }

    private static Bilingual requireReasons(Bilingual text, String field) {
        if (text == null || text.zh().isBlank() || text.en().isBlank()) {
            throw unprocessable(
                    "REASONS_REQUIRED", field, "须写明理由（中文与英文）", "Reasons are required, in Chinese and English");
        }
        if (text.zh().length() > Bounds.REASON || text.en().length() > Bounds.REASON) {
            throw unprocessable(
                    "REASONS_TOO_LONG",
                    field,
                    "理由每种语言最多 " + Bounds.REASON + " 个字符",
                    "At most " + Bounds.REASON + " characters in each language");
        }
        return text;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static ProcedureException forbidden(String code, String zh, String en) {
        return new ProcedureException(ProcedureException.Kind.FORBIDDEN, code, null, Bilingual.of(zh, en));
    }

    private static ProcedureException conflict(String code, String field, String zh, String en) {
        return new ProcedureException(ProcedureException.Kind.CONFLICT, code, field, Bilingual.of(zh, en));
    }

    private static ProcedureException unprocessable(String code, String field, String zh, String en) {
        return new ProcedureException(ProcedureException.Kind.UNPROCESSABLE, code, field, Bilingual.of(zh, en));
    }
}
