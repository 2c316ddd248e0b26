package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Inputs.requireReasons;
import static io.grantflow.applications.domain.procedure.Refusals.conflict;

import io.grantflow.applications.domain.calendar.AnnouncementPeriod;
import io.grantflow.platform.text.Bilingual;
import java.time.Instant;
import java.util.List;

/**
 * The public announcement (公示) of a recommendation and the objections raised during it: one
 * open objection per person, none once the period has closed, resolved together by the
 * department.
 */
final class Announcements {
    private final Dossier d;
    private final Guards guards;

    Announcements(Dossier d, Guards guards) {
        this.d = d;
        this.guards = guards;
    }

    ProcedureEvent.AnnouncementStarted announce(Actor actor, Instant at) {
        d.accept(ProcedureCommand.ANNOUNCE, at);
        guards.requireSystemOrDepartmentReviewer(actor);
        d.announcement = AnnouncementPeriod.of(
                d.calendar, at, d.settings.announcementWorkingDays(), d.settings.demoAnnouncementPeriod());
        d.objections.clear();
        return d.commit(
                ProcedureCommand.ANNOUNCE,
                ProcedureState.IN_ANNOUNCEMENT,
                actor,
                at,
                h -> new ProcedureEvent.AnnouncementStarted(h, d.announcement, d.recommendation.amount()));
    }

    ProcedureEvent.ObjectionRaised raiseObjection(Actor actor, Bilingual reasons, Instant at) {
        d.accept(ProcedureCommand.RAISE_OBJECTION, at);
        Guards.requireRole(actor, ActorRole.ENTERPRISE, ActorRole.REVIEWER);
        if (!d.announcement.openAt(at)) {
            throw conflict(
                    "ANNOUNCEMENT_CLOSED",
                    null,
                    "公示期已于 " + d.announcement.lastDay() + " 结束",
                    "The announcement period ended on " + d.announcement.lastDay());
        }
        if (d.objections.stream().anyMatch(o -> o.raisedBy().equals(actor.id()))) {
            throw conflict(
                    "OBJECTION_ALREADY_RAISED", null, "您已提出异议，正在处理中", "Your objection is already being dealt with");
        }
        Objection objection = new Objection(actor.id(), actor.role(), requireReasons(reasons, "reasons"), at);
        d.objections.add(objection);
        int open = d.objections.size();
        return d.commit(
                ProcedureCommand.RAISE_OBJECTION,
                ProcedureState.OBJECTION_RAISED,
                actor,
                at,
                h -> new ProcedureEvent.ObjectionRaised(h, objection, open));
    }

    ProcedureEvent.ObjectionsDismissed dismissObjections(Actor actor, Bilingual reasons, Instant at) {
        d.accept(ProcedureCommand.DISMISS_OBJECTIONS, at);
        guards.requireDepartmentReviewer(actor);
        Bilingual why = requireReasons(reasons, "reasons");
        List<Objection> resolved = List.copyOf(d.objections);
        d.objections.clear();
        return d.commit(
                ProcedureCommand.DISMISS_OBJECTIONS,
                ProcedureState.IN_ANNOUNCEMENT,
                actor,
                at,
                h -> new ProcedureEvent.ObjectionsDismissed(h, resolved, why));
    }

    ProcedureEvent.ObjectionUpheld upholdObjection(Actor actor, Bilingual reasons, Instant at) {
        d.accept(ProcedureCommand.UPHOLD_OBJECTION, at);
        guards.requireDepartmentReviewer(actor);
        Bilingual why = requireReasons(reasons, "reasons");
        List<Objection> resolved = List.copyOf(d.objections);
        Recommendation withdrawn = d.recommendation;
        // the recommendation falls with the objection; the resolver reviews it again
        d.objections.clear();
        d.recommendation = null;
        d.announcement = null;
        d.claimedBy = actor.id();
        return d.commit(
                ProcedureCommand.UPHOLD_OBJECTION,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.ObjectionUpheld(h, resolved, why, withdrawn));
    }
}
