package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Inputs.requireReasons;

import io.grantflow.applications.domain.calendar.AnnouncementPeriod;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.text.Bilingual;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * 免申即享 (ADR 0020): an offer made from a government record is screened by eligibility like a
 * submission; screened eligible it offers the evaluated amount, which the enterprise confirms
 * (意愿确认, straight to 公示) or declines. What the department would otherwise decide is fixed
 * by the rules engine, so an offer carries only an amount nobody has to weigh: a ceiling, within
 * the four-eyes threshold, of a programme that needs no call, no city approval, no case-by-case
 * decision and no block grant. Anything else is screened out and applied for the ordinary way.
 */
final class Offers {
    /** Flags that put a decision in someone's hands: such a programme cannot be offered. */
    private static final Set<ProgrammeFlag> NOT_OFFERABLE = EnumSet.of(
            ProgrammeFlag.ON_MERIT, ProgrammeFlag.CASE_BY_CASE, ProgrammeFlag.CITY_APPROVAL, ProgrammeFlag.BLOCK_GRANT);

    /** Who "recommended" a confirmed offer: the rules engine, never a person (four-eyes checks compare names). */
    static final String RECOMMENDER = "proactive-offer";

    private final Dossier d;
    private final Guards guards;

    Offers(Dossier d, Guards guards) {
        this.d = d;
        this.guards = guards;
    }

    /** Eligibility's answer for an offer being screened. */
    ProcedureEvent screen(Actor actor, Evaluation result, Instant at) {
        d.accept(ProcedureCommand.RECORD_SCREENING, at);
        guards.requireSystem(actor);
        Objects.requireNonNull(result, "evaluation");
        Bilingual refusal = refusal(result);
        d.evaluation = result;
        if (refusal != null) {
            d.outcome = refusal;
            return d.commit(
                    ProcedureCommand.RECORD_SCREENING,
                    ProcedureState.INELIGIBLE,
                    actor,
                    at,
                    h -> new ProcedureEvent.OfferScreenedOut(h, result, refusal));
        }
        return d.commit(
                ProcedureCommand.RECORD_SCREENING,
                ProcedureState.OFFERED,
                actor,
                at,
                h -> new ProcedureEvent.OfferMade(h, result, result.ceiling()));
    }

    /** Why the evaluation gives no offer, or null when it does. */
    private Bilingual refusal(Evaluation result) {
        if (!result.eligible()) {
            return result.reasons().isEmpty()
                    ? Bilingual.of("经筛查不符合条件", "Screened out: not eligible")
                    : result.reasons().get(0);
        }
        if (!result.hasCeiling()) {
            return Bilingual.of(
                    "该项目无确定金额，不适用免申即享，请按常规程序申报",
                    "The programme names no amount: no proactive offer, apply the ordinary way");
        }
        if (result.flags().stream().anyMatch(NOT_OFFERABLE::contains)) {
            return Bilingual.of(
                    "该项目须择优、一事一议、市政府同意或切块下达，不适用免申即享，请按常规程序申报",
                    "The programme is decided on merit, case by case, by the city or as a block grant: no proactive"
                            + " offer, apply the ordinary way");
        }
        if (result.ceiling().compareTo(d.settings.fourEyesAbove()) > 0) {
            return Bilingual.of(
                    "金额超过两人复核门槛，不适用免申即享，请按常规程序申报",
                    "The amount is above the four-eyes threshold: no proactive offer, apply the ordinary way");
        }
        if (result.department() == null || !Vocabulary.DEPARTMENT_CODES.contains(result.department())) {
            return Bilingual.of("评估结果未指明有效的审核部门", "The evaluation names no known reviewing department");
        }
        return null;
    }

    /**
     * The enterprise confirms: the evaluated amount becomes the recommendation, with the
     * evaluation's clause-cited reasons, and goes to 公示 at once.
     */
    ProcedureEvent.AnnouncementStarted confirm(Actor actor, Instant at) {
        d.accept(ProcedureCommand.CONFIRM_OFFER, at);
        guards.requireApplicant(actor);
        d.recommendation =
                new Recommendation(d.evaluation.ceiling(), reasons(), RECOMMENDER, at, null, false, null, null);
        d.announcement = AnnouncementPeriod.of(
                d.calendar, at, d.settings.announcementWorkingDays(), d.settings.demoAnnouncementPeriod());
        d.objections.clear();
        return d.commit(
                ProcedureCommand.CONFIRM_OFFER,
                ProcedureState.IN_ANNOUNCEMENT,
                actor,
                at,
                h -> new ProcedureEvent.AnnouncementStarted(h, d.announcement, d.recommendation.amount()));
    }

    ProcedureEvent.OfferDeclined decline(Actor actor, Bilingual reason, Instant at) {
        d.accept(ProcedureCommand.DECLINE_OFFER, at);
        guards.requireApplicant(actor);
        Bilingual why = reason == null ? null : requireReasons(reason, "reason");
        d.outcome = why;
        return d.commit(
                ProcedureCommand.DECLINE_OFFER,
                ProcedureState.OFFER_DECLINED,
                actor,
                at,
                h -> new ProcedureEvent.OfferDeclined(h, why));
    }

    /**
     * The department takes back an offer the enterprise has not confirmed (the record was revoked
     * by its issuer, or imported in error): reasons required, since the enterprise is told. While
     * it is screened no department is known yet: the application layer checks that the
     * programme is the reviewer's department's, as the import did.
     */
    ProcedureEvent.Withdrawn withdraw(Actor actor, Bilingual reasons, Instant at) {
        d.accept(ProcedureCommand.WITHDRAW_OFFER, at);
        Guards.requireRole(actor, ActorRole.REVIEWER);
        if (d.department() != null) {
            guards.requireDepartmentReviewer(actor);
        }
        Bilingual why = requireReasons(reasons, "reasons");
        d.outcome = why;
        return d.commit(
                ProcedureCommand.WITHDRAW_OFFER,
                ProcedureState.WITHDRAWN,
                actor,
                at,
                h -> new ProcedureEvent.Withdrawn(h, why, null));
    }

    /** The recommendation's reasons: what the offer is, then the evaluation's reasons (clauses cited), bounded. */
    private Bilingual reasons() {
        StringBuilder zh = new StringBuilder("免申即享：依据政府记录经资格评估，企业已确认申请意愿。");
        StringBuilder en = new StringBuilder(
                "Proactive offer: screened from a government record by the rules engine, confirmed by the enterprise.");
        for (Bilingual r : d.evaluation.reasons()) {
            zh.append(' ').append(r.zh());
            en.append(' ').append(r.en());
        }
        return Bilingual.of(cut(zh), cut(en));
    }

    private static String cut(StringBuilder text) {
        return text.length() <= Bounds.REASON ? text.toString() : text.substring(0, Bounds.REASON - 1) + "…";
    }
}
