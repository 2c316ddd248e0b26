package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Refusals.forbidden;

import io.grantflow.contracts.vocabulary.Vocabulary;
import java.util.Map;
import java.util.Objects;

/**
 * Who may give a command (403): role, department, ownership, the claimant, four-eyes. Read from
 * the dossier at the moment of the check, since claims and recommendations change who may act.
 */
final class Guards {
    private static final Map<String, Vocabulary.Term> DEPARTMENTS = Vocabulary.byCode(Vocabulary.DEPARTMENTS);

    private final Dossier d;

    Guards(Dossier d) {
        this.d = d;
    }

    /** Before a dossier exists: only the applicant itself starts its draft. */
    static void requireDrafter(Actor actor, String applicantId) {
        if (actor.role() != ActorRole.ENTERPRISE || !applicantId.equals(actor.enterpriseId())) {
            throw forbidden("NOT_THE_APPLICANT", "只有申报单位本身可以创建申请草稿", "Only the applicant itself may start a draft");
        }
    }

    void requireApplicant(Actor actor) {
        if (actor.role() != ActorRole.ENTERPRISE || !d.applicantId.equals(actor.enterpriseId())) {
            throw forbidden("NOT_THE_APPLICANT", "只有申报单位本身可以执行此操作", "Only the applicant itself may do this");
        }
    }

    void requireSystem(Actor actor) {
        requireRole(actor, ActorRole.SYSTEM);
    }

    /** A service, or else a reviewer of the department (announcing and closing run from a job or by hand). */
    void requireSystemOrDepartmentReviewer(Actor actor) {
        if (actor.role() != ActorRole.SYSTEM) {
            requireDepartmentReviewer(actor);
        }
    }

    void requireDepartmentReviewer(Actor actor) {
        requireRole(actor, ActorRole.REVIEWER);
        String department = d.department();
        if (!actor.department().equals(department)) {
            Vocabulary.Term term = DEPARTMENTS.get(department);
            throw forbidden(
                    "WRONG_DEPARTMENT",
                    "该申请由" + (term == null ? department : term.zh()) + "审核",
                    "This application is reviewed by " + (term == null ? department : term.en()));
        }
    }

    void requireClaimant(Actor actor) {
        requireDepartmentReviewer(actor);
        if (!actor.id().equals(d.claimedBy)) {
            throw forbidden(
                    "NOT_THE_CLAIMANT",
                    "该申请已由审核人 " + d.claimedBy + " 受理",
                    "This application is being reviewed by " + d.claimedBy);
        }
    }

    void requireSecondReviewer(Actor actor) {
        requireDepartmentReviewer(actor);
        if (actor.id().equals(d.recommendation.recommendedBy())) {
            throw forbidden(
                    "FOUR_EYES",
                    "复核须由同一部门的另一名审核人进行，不能由提出人本人确认",
                    "A second reviewer of the department confirms, never the one who recommended");
        }
    }

    void requireCityApprover(Actor actor) {
        requireRole(actor, ActorRole.CITY_APPROVER);
        if (actor.id().equals(d.recommendation.recommendedBy()) || actor.id().equals(d.recommendation.confirmedBy())) {
            throw forbidden(
                    "FOUR_EYES",
                    "市政府审批人不能是本申请的提出人或复核人",
                    "The city approver cannot be the reviewer who recommended or confirmed it");
        }
    }

    static void requireRole(Actor actor, ActorRole... roles) {
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
}
