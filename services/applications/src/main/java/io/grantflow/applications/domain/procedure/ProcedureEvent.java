package io.grantflow.applications.domain.procedure;

import io.grantflow.applications.domain.calendar.AnnouncementPeriod;
import io.grantflow.applications.domain.calendar.Deadline;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one accepted command did: exactly one event per transition, each a record with what its
 * readers need (the application layer writes it to the outbox and the audit trail in the same
 * transaction as the new state). Every event starts with the same {@link Header}.
 */
public sealed interface ProcedureEvent {
    Header header();

    /** The event's name, for the outbox and the audit trail. */
    default String type() {
        return getClass().getSimpleName();
    }

    /**
     * @param version the procedure's version after the event (1 for the draft): the order of an
     *                application's events, and the optimistic lock of its row
     */
    record Header(
            UUID applicationId,
            long version,
            ProcedureCommand command,
            ProcedureState from,
            ProcedureState to,
            Actor actor,
            Instant at) {}

    /** A draft was created (CREATE_DRAFT); {@code header.from} is null: a draft has no state before it. */
    record DraftCreated(Header header, String applicantId, String programme, ProcedureSettings settings)
            implements ProcedureEvent {}

    record Submitted(Header header) implements ProcedureEvent {}

    /**
     * 免申即享: an offer made from a government record (CREATE_OFFER), to be screened by
     * eligibility like a submission; {@code header.from} is null. {@code recordId} is the record's.
     */
    record OfferCreated(Header header, String applicantId, String programme, ProcedureSettings settings, UUID recordId)
            implements ProcedureEvent {}

    /** 免申即享: screened eligible; the enterprise is offered {@code amount}, the evaluated ceiling. */
    record OfferMade(Header header, Evaluation evaluation, BigDecimal amount) implements ProcedureEvent {}

    /** 免申即享: screened out (not eligible, or not an award an offer can carry); the reasons say why. */
    record OfferScreenedOut(Header header, Evaluation evaluation, Bilingual reason) implements ProcedureEvent {}

    /** 免申即享: the enterprise declined; {@code reason} is optional. */
    record OfferDeclined(Header header, Bilingual reason) implements ProcedureEvent {}

    /** Eligible: the review clock starts; {@code reviewDeadline} is its first deadline. */
    record FoundEligible(Header header, Evaluation evaluation, Deadline reviewDeadline) implements ProcedureEvent {}

    record FoundIneligible(Header header, Evaluation evaluation) implements ProcedureEvent {}

    record ReviewClaimed(Header header, String reviewer) implements ProcedureEvent {}

    /** The notice goes to the enterprise; the review clock stands still with {@code remainingWorkingDays} left. */
    record CorrectionRequested(Header header, CorrectionNotice notice, int remainingWorkingDays)
            implements ProcedureEvent {}

    /** The enterprise answered the notice; the review clock resumes with what was left. */
    record CorrectionResubmitted(Header header, int noticeNumber, Set<String> correctedFields, Deadline reviewDeadline)
            implements ProcedureEvent {}

    /** The facts as corrected in answer to notice {@code evaluation.revision} were evaluated: the ceiling follows them. */
    record Reevaluated(Header header, Evaluation evaluation) implements ProcedureEvent {}

    /** {@code header.to} is RECOMMENDED, or AWAITING_CONFIRMATION when a second reviewer must confirm. */
    record Recommended(Header header, Recommendation recommendation) implements ProcedureEvent {}

    record RecommendationConfirmed(Header header, Recommendation recommendation) implements ProcedureEvent {}

    /** The second reviewer sent it back; the declined recommendation is kept here. */
    record ConfirmationDeclined(Header header, Recommendation declined, Bilingual reasons) implements ProcedureEvent {}

    /** 公示 starts: by ANNOUNCE after a recommendation, or by CONFIRM_OFFER for a confirmed offer. */
    record AnnouncementStarted(Header header, AnnouncementPeriod period, BigDecimal amount) implements ProcedureEvent {}

    /** Payment is held from here until the objections are resolved; {@code open} counts this one. */
    record ObjectionRaised(Header header, Objection objection, int open) implements ProcedureEvent {}

    record ObjectionsDismissed(Header header, List<Objection> objections, Bilingual reasons)
            implements ProcedureEvent {}

    /** Back to review for a new recommendation (and a new announcement); the resolver becomes the claimant. */
    record ObjectionUpheld(Header header, List<Objection> objections, Bilingual reasons, Recommendation withdrawn)
            implements ProcedureEvent {}

    /** The announcement is over and the city must consent; {@code grounds} says why. */
    record SentForCityApproval(Header header, Set<CityApprovalGround> grounds, BigDecimal amount)
            implements ProcedureEvent {}

    /**
     * Approved: the budget must reserve {@code amount} under {@code reservationId} (the
     * application layer writes ReserveFundsV1 with it). {@code cityApprovedBy} names the city
     * approver when the city consented.
     */
    record Approved(
            Header header, BigDecimal amount, UUID reservationId, Recommendation recommendation, String cityApprovedBy)
            implements ProcedureEvent {}

    /** The budget reserved it; the state stays APPROVED. */
    record FundsReserved(Header header, UUID reservationId) implements ProcedureEvent {}

    /** The budget refused: back to {@code returnedTo}, the reviewer who recommended it. */
    record BudgetRefused(Header header, UUID reservationId, BudgetRefusal refusal, String returnedTo)
            implements ProcedureEvent {}

    /** Disbursement may send payment {@code paymentId} of reservation {@code reservationId}. */
    record PaymentCleared(Header header, UUID paymentId, UUID reservationId) implements ProcedureEvent {}

    /** The treasury refused payment {@code paymentId}; {@code reason} is its message. */
    record PaymentFailed(Header header, UUID paymentId, UUID reservationId, Bilingual reason)
            implements ProcedureEvent {}

    record PaymentRecorded(
            Header header, UUID reservationId, BigDecimal amount, BigDecimal totalPaid, BigDecimal approvedAmount)
            implements ProcedureEvent {}

    /** 办结; {@code unpaid} is what the budget may release (zero when paid in full). */
    record Closed(Header header, Bilingual note, BigDecimal unpaid) implements ProcedureEvent {}

    /** The enterprise withdrew; {@code reservationToVoid} is the reservation the budget must void, if any. */
    record Withdrawn(Header header, Bilingual reason, UUID reservationToVoid) implements ProcedureEvent {}

    record Rejected(Header header, Bilingual reasons) implements ProcedureEvent {}

    record ClawedBack(Header header, BigDecimal amount, Bilingual reasons, UUID reservationId)
            implements ProcedureEvent {}

    /** Why an application waits for the city government. */
    enum CityApprovalGround {
        /** The programme is flagged CITY_APPROVAL (经市政府同意). */
        PROGRAMME_REQUIRES_IT,
        /** The programme is flagged CASE_BY_CASE (一事一议). */
        CASE_BY_CASE,
        /** The recommendation exceeds the evaluated ceiling through an override. */
        CEILING_OVERRIDE
    }
}
