package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Inputs.requireReasons;
import static io.grantflow.applications.domain.procedure.Refusals.conflict;

import io.grantflow.applications.domain.procedure.ProcedureEvent.CityApprovalGround;
import io.grantflow.platform.text.Bilingual;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * After the announcement: straight to approval, or to the city government when a ground says
 * so; and rejection, by whoever decides in the state it comes in. An approval asks the budget
 * for the recommended amount.
 */
final class Approvals {
    private final Dossier d;
    private final Guards guards;

    Approvals(Dossier d, Guards guards) {
        this.d = d;
        this.guards = guards;
    }

    ProcedureEvent closeAnnouncement(Actor actor, UUID reservationId, Instant at) {
        d.accept(ProcedureCommand.CLOSE_ANNOUNCEMENT, at);
        guards.requireSystem(actor);
        Objects.requireNonNull(reservationId, "reservationId");
        if (d.announcement.openAt(at)) {
            throw conflict(
                    "ANNOUNCEMENT_NOT_OVER",
                    null,
                    "公示期至 " + d.announcement.lastDay() + " 结束，尚未期满",
                    "The announcement period runs until " + d.announcement.lastDay());
        }
        Set<CityApprovalGround> grounds = cityApprovalGrounds();
        if (!grounds.isEmpty()) {
            return d.commit(
                    ProcedureCommand.CLOSE_ANNOUNCEMENT,
                    ProcedureState.AWAITING_CITY_APPROVAL,
                    actor,
                    at,
                    h -> new ProcedureEvent.SentForCityApproval(h, grounds, d.recommendation.amount()));
        }
        approveWith(reservationId);
        return d.commit(
                ProcedureCommand.CLOSE_ANNOUNCEMENT,
                ProcedureState.APPROVED,
                actor,
                at,
                h -> new ProcedureEvent.Approved(h, d.approvedAmount, reservationId, d.recommendation, null));
    }

    ProcedureEvent.Approved cityApprove(Actor actor, UUID reservationId, Instant at) {
        d.accept(ProcedureCommand.CITY_APPROVE, at);
        guards.requireCityApprover(actor);
        Objects.requireNonNull(reservationId, "reservationId");
        approveWith(reservationId);
        return d.commit(
                ProcedureCommand.CITY_APPROVE,
                ProcedureState.APPROVED,
                actor,
                at,
                h -> new ProcedureEvent.Approved(h, d.approvedAmount, reservationId, d.recommendation, actor.id()));
    }

    ProcedureEvent.Rejected reject(Actor actor, Bilingual reasons, Instant at) {
        d.accept(ProcedureCommand.REJECT, at);
        switch (d.state) {
            case UNDER_REVIEW -> guards.requireClaimant(actor);
            case OBJECTION_RAISED -> guards.requireDepartmentReviewer(actor);
            default -> guards.requireCityApprover(actor);
        }
        Bilingual why = requireReasons(reasons, "reasons");
        d.outcome = why;
        d.objections.clear();
        return d.commit(
                ProcedureCommand.REJECT, ProcedureState.REJECTED, actor, at, h -> new ProcedureEvent.Rejected(h, why));
    }

    /** The programme's flags (CITY_APPROVAL, CASE_BY_CASE) and an override in the recommendation. */
    Set<CityApprovalGround> cityApprovalGrounds() {
        EnumSet<CityApprovalGround> grounds = EnumSet.noneOf(CityApprovalGround.class);
        if (d.evaluation != null && d.evaluation.flags().contains(ProgrammeFlag.CITY_APPROVAL)) {
            grounds.add(CityApprovalGround.PROGRAMME_REQUIRES_IT);
        }
        if (d.evaluation != null && d.evaluation.flags().contains(ProgrammeFlag.CASE_BY_CASE)) {
            grounds.add(CityApprovalGround.CASE_BY_CASE);
        }
        if (d.recommendation != null && d.recommendation.overridesCeiling()) {
            grounds.add(CityApprovalGround.CEILING_OVERRIDE);
        }
        return Collections.unmodifiableSet(grounds);
    }

    private void approveWith(UUID reservationId) {
        d.approvedAmount = d.recommendation.amount();
        d.reservation = new Reservation(reservationId, d.approvedAmount, Reservation.Status.REQUESTED);
    }
}
