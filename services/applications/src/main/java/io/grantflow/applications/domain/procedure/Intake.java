package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Inputs.requireReasons;
import static io.grantflow.applications.domain.procedure.Refusals.unprocessable;

import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.text.Bilingual;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The enterprise's submission, eligibility's answer, and the enterprise's withdrawal. */
final class Intake {
    private final Dossier d;
    private final Guards guards;

    Intake(Dossier d, Guards guards) {
        this.d = d;
        this.guards = guards;
    }

    ProcedureEvent.Submitted submit(Actor actor, Instant at) {
        d.accept(ProcedureCommand.SUBMIT, at);
        guards.requireApplicant(actor);
        return d.commit(ProcedureCommand.SUBMIT, ProcedureState.SUBMITTED, actor, at, ProcedureEvent.Submitted::new);
    }

    ProcedureEvent recordEvaluation(Actor actor, Evaluation result, Instant at) {
        d.accept(ProcedureCommand.RECORD_EVALUATION, at);
        guards.requireSystem(actor);
        Objects.requireNonNull(result, "evaluation");
        if (!result.eligible()) {
            d.evaluation = result;
            d.outcome = result.reasons().isEmpty() ? null : result.reasons().get(0);
            return d.commit(
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
            // block-grant reservations are finance's four-eyes path (ADR 0013)
            throw unprocessable(
                    "BLOCK_GRANT_NOT_AN_APPLICATION",
                    "programme",
                    "“拨改转”切块资金由财政两人提出和批准，不经申请程序",
                    "A block grant is proposed and approved by two finance officers, not through an application");
        }
        d.evaluation = result;
        return d.commit(
                ProcedureCommand.RECORD_EVALUATION,
                ProcedureState.ELIGIBLE,
                actor,
                at,
                h -> new ProcedureEvent.FoundEligible(
                        h, result, d.reviewDeadline().orElseThrow()));
    }

    ProcedureEvent.Withdrawn withdraw(Actor actor, Bilingual reason, Instant at) {
        d.accept(ProcedureCommand.WITHDRAW, at);
        guards.requireApplicant(actor);
        if (d.reservation != null && d.reservation.paymentUnderWay() != null) {
            throw Refusals.conflict(
                    "PAYMENT_UNDER_WAY",
                    null,
                    "拨付已在办理，申请不能再撤回",
                    "The payment is already under way; the application can no longer be withdrawn");
        }
        Bilingual why = reason == null ? null : requireReasons(reason, "reason");
        // the budget must void a reservation that was asked for, so the event names it
        UUID toVoid = d.reservation == null ? null : d.reservation.id();
        d.outcome = why;
        d.reservation = null;
        d.objections.clear();
        d.openCorrection = null;
        return d.commit(
                ProcedureCommand.WITHDRAW,
                ProcedureState.WITHDRAWN,
                actor,
                at,
                h -> new ProcedureEvent.Withdrawn(h, why, toVoid));
    }
}
