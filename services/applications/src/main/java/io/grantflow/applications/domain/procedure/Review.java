package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Inputs.requireReasons;
import static io.grantflow.applications.domain.procedure.Refusals.conflict;
import static io.grantflow.applications.domain.procedure.Refusals.unprocessable;

import io.grantflow.contracts.vocabulary.Bounds;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The department's review before a recommendation: the claim, and the 补正 round trip (one
 * notice at a time, one item per field, answered once by the enterprise).
 */
final class Review {
    /** At most this many items in one correction notice (as many as an application may have facts). */
    static final int MAX_CORRECTION_ITEMS = Bounds.FACTS;

    private final Dossier d;
    private final Guards guards;

    Review(Dossier d, Guards guards) {
        this.d = d;
        this.guards = guards;
    }

    ProcedureEvent.ReviewClaimed claim(Actor actor, Instant at) {
        d.accept(ProcedureCommand.CLAIM, at);
        guards.requireDepartmentReviewer(actor);
        d.claimedBy = actor.id();
        return d.commit(
                ProcedureCommand.CLAIM,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.ReviewClaimed(h, actor.id()));
    }

    ProcedureEvent.CorrectionRequested requestCorrection(Actor actor, List<CorrectionItem> items, Instant at) {
        d.accept(ProcedureCommand.REQUEST_CORRECTION, at);
        guards.requireClaimant(actor);
        requireNoticeItems(items);
        d.correctionNotices++;
        d.openCorrection = new CorrectionNotice(d.correctionNotices, items, actor.id(), at);
        return d.commit(
                ProcedureCommand.REQUEST_CORRECTION,
                ProcedureState.CORRECTION_REQUESTED,
                actor,
                at,
                h -> new ProcedureEvent.CorrectionRequested(
                        h, d.openCorrection, d.clock.remaining(d.calendar, d.calendar.dateOf(at))));
    }

    ProcedureEvent.CorrectionResubmitted resubmit(
            Actor actor, int noticeNumber, Set<String> correctedFields, Instant at) {
        d.accept(ProcedureCommand.RESUBMIT, at);
        guards.requireApplicant(actor);
        requireAnswer(d.openCorrection, noticeNumber, correctedFields);
        int answered = d.openCorrection.number();
        Set<String> corrected = Set.copyOf(correctedFields);
        d.openCorrection = null;
        // the facts as corrected are evaluated again; nothing is recommended on the old ceiling meanwhile
        d.reevaluationAwaited = answered;
        return d.commit(
                ProcedureCommand.RESUBMIT,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.CorrectionResubmitted(
                        h, answered, corrected, d.reviewDeadline().orElseThrow()));
    }

    /** A notice lists at least one and at most {@link #MAX_CORRECTION_ITEMS} items, each for its own field, with reasons. */
    static void requireNoticeItems(List<CorrectionItem> items) {
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
    }

    /** The answer names the open notice and only fields that notice asked for. */
    static void requireAnswer(CorrectionNotice open, int noticeNumber, Set<String> correctedFields) {
        if (noticeNumber != open.number()) {
            throw conflict(
                    "STALE_CORRECTION_NOTICE",
                    "noticeNumber",
                    "补正通知第 " + noticeNumber + " 号已不是待答复的通知（当前为第 " + open.number() + " 号）",
                    "Notice " + noticeNumber + " is not the open one (that is " + open.number() + ")");
        }
        if (correctedFields == null || correctedFields.isEmpty()) {
            throw unprocessable("NOTHING_CORRECTED", "correctedFields", "请列明已补正的字段", "Name the fields you corrected");
        }
        Set<String> asked = open.fields();
        for (String field : correctedFields) {
            if (!asked.contains(field)) {
                throw unprocessable(
                        "FIELD_NOT_REQUESTED",
                        "correctedFields",
                        "补正通知未要求修改“" + field + "”",
                        "The notice did not ask to change " + field);
            }
        }
    }

    /**
     * Eligibility's evaluation of the facts as corrected in answer to the notice awaited: it
     * replaces the evaluation (an ineligible one leaves the application with the reviewer, who
     * rejects it with reasons). An evaluation of an earlier answer is refused: a later one is awaited.
     */
    ProcedureEvent.Reevaluated recordReevaluation(Actor actor, Evaluation result, Instant at) {
        d.accept(ProcedureCommand.RECORD_REEVALUATION, at);
        guards.requireSystem(actor);
        Objects.requireNonNull(result, "evaluation");
        if (d.reevaluationAwaited == 0 || result.revision() != d.reevaluationAwaited) {
            throw conflict(
                    "STALE_EVALUATION",
                    "revision",
                    "该测算不是所等待的补正版本（" + d.reevaluationAwaited + "）",
                    "The evaluation is not of the corrected facts awaited (revision " + d.reevaluationAwaited + ")");
        }
        d.evaluation = result.department() == null ? withDepartment(result, d.department()) : result;
        d.reevaluationAwaited = 0;
        return d.commit(
                ProcedureCommand.RECORD_REEVALUATION,
                d.state,
                actor,
                at,
                h -> new ProcedureEvent.Reevaluated(h, d.evaluation));
    }

    private static Evaluation withDepartment(Evaluation e, String department) {
        return new Evaluation(
                e.eligible(),
                e.ceiling(),
                department,
                e.flags(),
                e.catalogueVersion(),
                e.reasons(),
                e.evaluatedAt(),
                e.overrides(),
                e.revision());
    }
}
