package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Inputs.requireAmount;
import static io.grantflow.applications.domain.procedure.Inputs.requireReasons;
import static io.grantflow.applications.domain.procedure.Refusals.unprocessable;

import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The claimant's recommendation and its second reviewer: the evaluated ceiling, the overrides a
 * programme allows above it, and when four-eyes applies.
 */
final class Recommendations {
    private final Dossier d;
    private final Guards guards;

    Recommendations(Dossier d, Guards guards) {
        this.d = d;
        this.guards = guards;
    }

    ProcedureEvent.Recommended recommend(
            Actor actor, BigDecimal amount, Bilingual reasons, CeilingOverride.Request override, Instant at) {
        d.accept(ProcedureCommand.RECOMMEND, at);
        guards.requireClaimant(actor);
        if (d.reevaluationAwaited > 0) {
            throw Refusals.conflict(
                    "EVALUATION_PENDING",
                    null,
                    "补正后的申报要素正在重新测算，测算完成后方可提出拟支持金额",
                    "The corrected facts are being evaluated again; recommend once the new ceiling is known");
        }
        if (!d.evaluation.eligible()) {
            throw Refusals.conflict(
                    "NOT_ELIGIBLE",
                    null,
                    "补正后的申报不符合条件，请驳回并说明理由",
                    "As corrected the application is not eligible; reject it with reasons");
        }
        BigDecimal exact = requireAmount(amount, "amount");
        Bilingual why = requireReasons(reasons, "reasons");
        BigDecimal ceiling = d.evaluation.ceiling();
        CeilingOverride departure = null;
        if (override == null) {
            requireWithinCeiling(exact, ceiling);
        } else {
            departure = departure(override, exact, ceiling, d.evaluation);
        }
        // without a ceiling nobody approves an amount alone
        boolean fourEyes = ceiling == null || exact.compareTo(d.settings.fourEyesAbove()) > 0;
        d.recommendation = new Recommendation(exact, why, actor.id(), at, departure, fourEyes, null, null);
        ProcedureState to = fourEyes ? ProcedureState.AWAITING_CONFIRMATION : ProcedureState.RECOMMENDED;
        return d.commit(
                ProcedureCommand.RECOMMEND, to, actor, at, h -> new ProcedureEvent.Recommended(h, d.recommendation));
    }

    ProcedureEvent.RecommendationConfirmed confirm(Actor actor, Instant at) {
        d.accept(ProcedureCommand.CONFIRM, at);
        guards.requireSecondReviewer(actor);
        d.recommendation = d.recommendation.confirmed(actor.id(), at);
        return d.commit(
                ProcedureCommand.CONFIRM,
                ProcedureState.RECOMMENDED,
                actor,
                at,
                h -> new ProcedureEvent.RecommendationConfirmed(h, d.recommendation));
    }

    ProcedureEvent.ConfirmationDeclined declineConfirmation(Actor actor, Bilingual reasons, Instant at) {
        d.accept(ProcedureCommand.DECLINE_CONFIRMATION, at);
        guards.requireSecondReviewer(actor);
        Bilingual why = requireReasons(reasons, "reasons");
        Recommendation declined = d.recommendation;
        d.recommendation = null;
        return d.commit(
                ProcedureCommand.DECLINE_CONFIRMATION,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.ConfirmationDeclined(h, declined, why));
    }

    /** Without an override the amount stays within the ceiling, if there is one. */
    static void requireWithinCeiling(BigDecimal exact, BigDecimal ceiling) {
        if (ceiling != null && exact.compareTo(ceiling) > 0) {
            throw unprocessable(
                    "AMOUNT_ABOVE_CEILING",
                    "amount",
                    "拟支持金额不得高于测算上限 " + Money.format(ceiling) + " 元；政策允许的一事一议须以上浮申请（override）提出并报市政府同意",
                    "The amount may not exceed the ceiling of " + Money.format(ceiling)
                            + "; a departure the policy allows goes as an override, approved by the city");
        }
    }

    /**
     * An override of a kind the programme allows, above an existing ceiling, with a
     * justification; it records the evaluation it departs from, never one from the request.
     */
    static CeilingOverride departure(
            CeilingOverride.Request override, BigDecimal exact, BigDecimal ceiling, Evaluation evaluation) {
        if (evaluation == null || !evaluation.allows(override.kind())) {
            throw unprocessable(
                    "OVERRIDE_NOT_ALLOWED",
                    "override.kind",
                    "本项目不允许该类上浮："
                            + (override.kind() == null
                                    ? "未指明"
                                    : override.kind().label().zh()),
                    "This programme does not allow this override: "
                            + (override.kind() == null
                                    ? "none named"
                                    : override.kind().label().en()));
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
        return new CeilingOverride(
                override.kind(), requireReasons(override.justification(), "override.justification"), evaluation);
    }
}
