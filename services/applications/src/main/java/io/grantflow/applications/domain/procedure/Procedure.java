package io.grantflow.applications.domain.procedure;

import io.grantflow.applications.domain.calendar.AnnouncementPeriod;
import io.grantflow.applications.domain.calendar.Deadline;
import io.grantflow.applications.domain.calendar.ReviewClock;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.applications.domain.procedure.ProcedureEvent.CityApprovalGround;
import io.grantflow.applications.domain.procedure.ProcedureEvent.Header;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
 * <p>This class is the procedure's face; the work is done by package-private parts sharing one
 * {@code Dossier} (the state, {@code accept} and {@code commit}): {@code Intake}, {@code Review},
 * {@code Recommendations}, {@code Announcements}, {@code Approvals} and {@code Funding} carry out
 * the commands, {@code Guards} says who may, {@code Inputs} checks amounts and reasons.
 *
 * <p>Not thread-safe: one instance per transaction, guarded by the row's version.
 */
public final class Procedure {
    /** At most this many items in one correction notice (the rule is {@code Review}'s; tests read it here). */
    static final int MAX_CORRECTION_ITEMS = Review.MAX_CORRECTION_ITEMS;

    // the state and the shared accept/commit steps; the handlers below each own a stretch of the way
    private final Dossier d;
    private final Intake intake;
    private final Review review;
    private final Recommendations recommendations;
    private final Announcements announcements;
    private final Approvals approvals;
    private final Funding funding;
    private final Offers offers;

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
            Bilingual outcome,
            int reevaluationAwaited) {
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
        this.d = new Dossier(s, calendar);
        Guards guards = new Guards(d);
        this.intake = new Intake(d, guards);
        this.review = new Review(d, guards);
        this.recommendations = new Recommendations(d, guards);
        this.announcements = new Announcements(d, guards);
        this.approvals = new Approvals(d, guards);
        this.funding = new Funding(d, guards);
        this.offers = new Offers(d, guards);
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
        Inputs.requireText(applicantId, "applicantId");
        Inputs.requireText(programme, "programme");
        Guards.requireDrafter(actor, applicantId);
        Procedure p = new Procedure(Dossier.draft(id, applicantId, programme, settings, at), calendar);
        p.d.pending.add(new ProcedureEvent.DraftCreated(
                new Header(id, 1, ProcedureCommand.CREATE_DRAFT, null, ProcedureState.DRAFT, actor, at),
                applicantId,
                programme,
                settings));
        return p;
    }

    /**
     * 免申即享 (ADR 0020): an import of government records offers the award to the enterprise
     * the record names, to be screened by eligibility like a submission. Made by the importing
     * agency (role reviewer) or a service; the one event, {@link ProcedureEvent.OfferCreated}, is
     * in {@link #pendingEvents()}.
     *
     * @param recordId the government record the offer rests on
     */
    public static Procedure offer(
            UUID id,
            String applicantId,
            String programme,
            ProcedureSettings settings,
            UUID recordId,
            Actor actor,
            Instant at,
            WorkingDayCalendar calendar) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(recordId, "recordId");
        Inputs.requireText(applicantId, "applicantId");
        Inputs.requireText(programme, "programme");
        Guards.requireRole(actor, ActorRole.REVIEWER, ActorRole.SYSTEM);
        Procedure p = new Procedure(Dossier.offer(id, applicantId, programme, settings, at), calendar);
        p.d.pending.add(new ProcedureEvent.OfferCreated(
                new Header(id, 1, ProcedureCommand.CREATE_OFFER, null, ProcedureState.SCREENING, actor, at),
                applicantId,
                programme,
                settings,
                recordId));
        return p;
    }

    /**
     * 免申即享: the enterprise confirms the offer (意愿确认; the application layer records the
     * credit commitment it accepted): the evaluated amount, with the evaluation's reasons, goes
     * straight to 公示.
     */
    public ProcedureEvent.AnnouncementStarted confirmOffer(Actor actor, Instant at) {
        return offers.confirm(actor, at);
    }

    /**
     * 免申即享: eligibility's answer for an offer being screened (the same ApplicationEvaluatedV1 as
     * for a submission): offered at the evaluated ceiling, or screened out when not eligible or
     * when the award is not one an offer can carry (no ceiling, above the four-eyes threshold, a
     * programme on merit, case by case, with city approval or a block grant).
     *
     * @return {@link ProcedureEvent.OfferMade} or {@link ProcedureEvent.OfferScreenedOut}
     */
    public ProcedureEvent recordScreening(Actor actor, Evaluation result, Instant at) {
        return offers.screen(actor, result, at);
    }

    /** 免申即享: the enterprise declines the offer, with an optional reason. */
    public ProcedureEvent.OfferDeclined declineOffer(Actor actor, Bilingual reason, Instant at) {
        return offers.decline(actor, reason, at);
    }

    /**
     * 免申即享: a reviewer of the department takes back an offer not yet confirmed (screening or
     * offered), with reasons; nothing was reserved, so nothing is voided.
     */
    public ProcedureEvent.Withdrawn withdrawOffer(Actor actor, Bilingual reasons, Instant at) {
        return offers.withdraw(actor, reasons, at);
    }

    // ---- the enterprise's submission and the evaluation ----

    public ProcedureEvent.Submitted submit(Actor actor, Instant at) {
        return intake.submit(actor, at);
    }

    /**
     * Eligibility's answer. Eligible starts the department's review clock; a block-grant
     * programme is refused (those reservations are finance's four-eyes path, ADR 0013).
     *
     * @return {@link ProcedureEvent.FoundEligible} or {@link ProcedureEvent.FoundIneligible}
     */
    public ProcedureEvent recordEvaluation(Actor actor, Evaluation result, Instant at) {
        return intake.recordEvaluation(actor, result, at);
    }

    /**
     * 补正: eligibility's evaluation of the facts as corrected in answer to the notice awaited;
     * the ceiling follows them, the state stays.
     */
    public ProcedureEvent.Reevaluated recordReevaluation(Actor actor, Evaluation result, Instant at) {
        return review.recordReevaluation(actor, result, at);
    }

    /** The revision of the facts whose evaluation is awaited after a correction (补正); 0 when none. */
    public int reevaluationAwaited() {
        return d.reevaluationAwaited;
    }

    // ---- department review ----

    /** A reviewer of the programme's department takes the application; only the claimant reviews it from here. */
    public ProcedureEvent.ReviewClaimed claim(Actor actor, Instant at) {
        return review.claim(actor, at);
    }

    /**
     * One notice listing every item to correct, each with its field (one item per field). The
     * review clock stands still until the enterprise answers.
     */
    public ProcedureEvent.CorrectionRequested requestCorrection(Actor actor, List<CorrectionItem> items, Instant at) {
        return review.requestCorrection(actor, items, at);
    }

    /**
     * The enterprise answers the open notice, once: it names the notice and the fields it
     * corrected, each of which the notice must have asked for. The review clock resumes.
     */
    public ProcedureEvent.CorrectionResubmitted resubmit(
            Actor actor, int noticeNumber, Set<String> correctedFields, Instant at) {
        return review.resubmit(actor, noticeNumber, correctedFields, at);
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
        return recommendations.recommend(actor, amount, reasons, override, at);
    }

    /** A second reviewer of the same department confirms; never the one who recommended (four-eyes). */
    public ProcedureEvent.RecommendationConfirmed confirm(Actor actor, Instant at) {
        return recommendations.confirm(actor, at);
    }

    /** The second reviewer sends it back to the claimant, with reasons. */
    public ProcedureEvent.ConfirmationDeclined declineConfirmation(Actor actor, Bilingual reasons, Instant at) {
        return recommendations.declineConfirmation(actor, reasons, at);
    }

    // ---- public announcement (公示) ----

    /** The recommendation goes to public announcement for the programme's period, counted on the calendar. */
    public ProcedureEvent.AnnouncementStarted announce(Actor actor, Instant at) {
        return announcements.announce(actor, at);
    }

    /**
     * An objection during the period, with reasons, by an enterprise or a reviewer (of any
     * department); the money is held until the department resolves it. One open objection per
     * person; none once the period has closed.
     */
    public ProcedureEvent.ObjectionRaised raiseObjection(Actor actor, Bilingual reasons, Instant at) {
        return announcements.raiseObjection(actor, reasons, at);
    }

    /** The objections are unfounded: the announcement goes on (and closes when its period ends). */
    public ProcedureEvent.ObjectionsDismissed dismissObjections(Actor actor, Bilingual reasons, Instant at) {
        return announcements.dismissObjections(actor, reasons, at);
    }

    /**
     * An objection is founded: back to review with the resolver as claimant, for a new amount
     * (announced again) or a rejection.
     */
    public ProcedureEvent.ObjectionUpheld upholdObjection(Actor actor, Bilingual reasons, Instant at) {
        return announcements.upholdObjection(actor, reasons, at);
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
        return approvals.closeAnnouncement(actor, reservationId, at);
    }

    /** The city government consents (role city_approver, never a reviewer who recommended or confirmed it). */
    public ProcedureEvent.Approved cityApprove(Actor actor, UUID reservationId, Instant at) {
        return approvals.cityApprove(actor, reservationId, at);
    }

    /**
     * Turned down with reasons: under review by the claimant, after an objection by a reviewer of
     * the department, awaiting city approval by a city approver.
     */
    public ProcedureEvent.Rejected reject(Actor actor, Bilingual reasons, Instant at) {
        return approvals.reject(actor, reasons, at);
    }

    // ---- the budget and the payment ----

    /** The budget reserved the approved amount (FundsReservedV1). */
    public ProcedureEvent.FundsReserved recordFundsReserved(Actor actor, UUID reservationId, Instant at) {
        return funding.recordFundsReserved(actor, reservationId, at);
    }

    /**
     * The budget refused (ReservationRefusedV1): back to the reviewer who recommended it, with
     * the account that ran out and its headroom, for a lower amount (announced again) or a
     * rejection.
     */
    public ProcedureEvent.BudgetRefused recordBudgetRefusal(
            Actor actor, UUID reservationId, BudgetRefusal refusal, Instant at) {
        return funding.recordBudgetRefusal(actor, reservationId, refusal, at);
    }

    /**
     * Disbursement paid {@code amount} (all, or an instalment). A payment proves the reservation
     * even when the budget's own answer, on another topic, has not arrived yet. Never more than
     * approved in all.
     */
    /** Disbursement asks whether it may send payment {@code paymentId} (PaymentClearanceRequestedV1). */
    public ProcedureEvent.PaymentCleared clearPayment(Actor actor, UUID paymentId, UUID reservationId, Instant at) {
        return funding.clearPayment(actor, paymentId, reservationId, at);
    }

    /** The treasury refused a payment (PaymentFailedV1): recorded; the approval stands. */
    public ProcedureEvent.PaymentFailed recordPaymentFailure(
            Actor actor, UUID paymentId, UUID reservationId, Bilingual reason, Instant at) {
        return funding.recordPaymentFailure(actor, paymentId, reservationId, reason, at);
    }

    public ProcedureEvent.PaymentRecorded recordPayment(
            Actor actor, UUID reservationId, BigDecimal amount, Instant at) {
        return funding.recordPayment(actor, reservationId, amount, at);
    }

    /**
     * 办结, by a reviewer of the department or a service. Closing a partly paid award needs a
     * note (the rest is released, and the note says why).
     *
     * @param note optional when paid in full
     */
    public ProcedureEvent.Closed close(Actor actor, Bilingual note, Instant at) {
        return funding.close(actor, note, at);
    }

    // ---- withdrawal and clawback ----

    /**
     * The enterprise withdraws, any time before a payment. The event names the reservation the
     * budget must void, if one was asked for.
     *
     * @param reason optional
     */
    public ProcedureEvent.Withdrawn withdraw(Actor actor, Bilingual reason, Instant at) {
        return intake.withdraw(actor, reason, at);
    }

    /** Money paid is recovered (追回), by a reviewer of the department, with reasons; at most what was paid. */
    public ProcedureEvent.ClawedBack clawBack(Actor actor, BigDecimal amount, Bilingual reasons, Instant at) {
        return funding.clawBack(actor, amount, reasons, at);
    }

    /** Finance ordered money paid recovered (ADR 0029): disbursement's announcement claws the award back. */
    public ProcedureEvent.ClawedBack recordRecoveryOrder(
            Actor system, BigDecimal amount, Bilingual reasons, Instant at) {
        return funding.recordRecoveryOrder(system, amount, reasons, at);
    }

    // ---- what the procedure says about itself ----

    /**
     * Why the city government must approve: the programme's flags (CITY_APPROVAL, CASE_BY_CASE)
     * and an override in the recommendation. Empty when the announcement leads straight to
     * approval.
     */
    public Set<CityApprovalGround> cityApprovalGrounds() {
        return approvals.cityApprovalGrounds();
    }

    /** The review deadline while the clock runs; empty before eligibility, while 补正 is with the enterprise, after the decision. */
    public Optional<Deadline> reviewDeadline() {
        return d.reviewDeadline();
    }

    /** Working days the department has left at this instant (negative once late); empty before eligibility. */
    public Optional<Integer> reviewWorkingDaysLeft(Instant now) {
        return d.clock == null ? Optional.empty() : Optional.of(d.clock.remaining(d.calendar, d.calendar.dateOf(now)));
    }

    /** Whether the department is late with its review at this instant (for the overdue list). */
    public boolean reviewOverdue(Instant now) {
        return d.clock != null && d.state.reviewClockRuns() && d.clock.overdue(d.calendar, d.calendar.dateOf(now));
    }

    /** The states the procedure may move to from here. */
    public Set<ProcedureState> allowedNext() {
        return d.state.next();
    }

    /**
     * The commands accepted in the current state (who may give them is checked when given); no
     * withdrawal while a payment is under way.
     */
    public Set<ProcedureCommand> allowedCommands() {
        Set<ProcedureCommand> commands = d.state.commands();
        if (d.reservation != null && d.reservation.paymentUnderWay() != null) {
            Set<ProcedureCommand> without = EnumSet.noneOf(ProcedureCommand.class);
            without.addAll(commands);
            without.remove(ProcedureCommand.WITHDRAW);
            return Collections.unmodifiableSet(without);
        }
        return commands;
    }

    /** The events of the commands accepted since the procedure was created or restored, in order. */
    public List<ProcedureEvent> pendingEvents() {
        return List.copyOf(d.pending);
    }

    /** The pending events, handed over once: the list is empty afterwards. */
    public List<ProcedureEvent> drainEvents() {
        List<ProcedureEvent> events = List.copyOf(d.pending);
        d.pending.clear();
        return events;
    }

    public Snapshot snapshot() {
        return d.snapshot();
    }

    public UUID id() {
        return d.id;
    }

    public String applicantId() {
        return d.applicantId;
    }

    public String programme() {
        return d.programme;
    }

    public ProcedureSettings settings() {
        return d.settings;
    }

    public Instant createdAt() {
        return d.createdAt;
    }

    public ProcedureState state() {
        return d.state;
    }

    public long version() {
        return d.version;
    }

    public Instant updatedAt() {
        return d.updatedAt;
    }

    public Evaluation evaluation() {
        return d.evaluation;
    }
    /** The reviewing department, once evaluated. */
    public String department() {
        return d.department();
    }

    public String claimedBy() {
        return d.claimedBy;
    }

    public ReviewClock reviewClock() {
        return d.clock;
    }

    public CorrectionNotice openCorrection() {
        return d.openCorrection;
    }

    public int correctionNotices() {
        return d.correctionNotices;
    }

    public Recommendation recommendation() {
        return d.recommendation;
    }

    public AnnouncementPeriod announcement() {
        return d.announcement;
    }

    public List<Objection> objections() {
        return List.copyOf(d.objections);
    }

    public Reservation reservation() {
        return d.reservation;
    }

    public BudgetRefusal lastBudgetRefusal() {
        return d.lastBudgetRefusal;
    }

    public BigDecimal approvedAmount() {
        return d.approvedAmount;
    }

    public BigDecimal paid() {
        return d.paid;
    }

    public BigDecimal clawedBack() {
        return d.clawedBack;
    }
    /** The reasons of the last ending (ineligible, rejected, withdrawn, closed with a note, clawed back). */
    public Bilingual outcome() {
        return d.outcome;
    }
}
