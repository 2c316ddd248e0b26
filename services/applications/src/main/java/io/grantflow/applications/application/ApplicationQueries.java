package io.grantflow.applications.application;

import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.persistence.ApplicationCommitmentEntity;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.ApplicationHistoryEntity;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Reads applications as a viewer may see them; what a viewer may not see does not exist for it. */
@ApplicationScoped
public class ApplicationQueries {

    /** A page of the applications the viewer may see, newest first, optionally of one status and programme. */
    public Uni<Page<ApplicationRecord>> list(Viewer viewer, String status, String programme, PageRequest page) {
        return list(viewer, status, programme, null, page);
    }

    /**
     * As {@link #list(Viewer, String, String, PageRequest)}; {@code overdueOn} keeps only the
     * applications whose review's last day is before that day (the department's overdue list).
     */
    public Uni<Page<ApplicationRecord>> list(
            Viewer viewer, String status, String programme, LocalDate overdueOn, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (overdueOn != null) {
            query.append(" and reviewDue < :today");
            params.put("today", overdueOn);
        }
        if (!viewer.seesAll()) {
            if (viewer.isCityApprover()) {
                query.append(" and status = :awaiting");
                params.put("awaiting", ProcedureState.AWAITING_CITY_APPROVAL.name());
            } else if (viewer.isReviewer()) {
                query.append(" and department = :department");
                params.put("department", String.valueOf(viewer.department()));
            } else {
                query.append(" and applicantId = :applicant");
                params.put("applicant", String.valueOf(viewer.enterpriseId()));
            }
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        if (programme != null) {
            query.append(" and programme = :programme");
            params.put("programme", programme);
        }
        return Panache.withSession(() -> {
            var found = ApplicationEntity.<ApplicationEntity>find(
                    query.toString(), Sort.descending("createdAt").and("id"), params);
            return Pages.of(found, page, ApplicationQueries::toRecord);
        });
    }

    public Uni<ApplicationRecord> get(Viewer viewer, UUID id) {
        return Panache.withSession(() -> visible(viewer, id)).map(ApplicationQueries::toRecord);
    }

    /** One application with the credit commitment it was submitted with (null: none recorded, e.g. a draft). */
    public record Detail(ApplicationRecord application, AcceptedCommitment commitment) {}

    public Uni<Detail> detail(Viewer viewer, UUID id) {
        return Panache.withSession(() -> visible(viewer, id)
                .chain(row -> ApplicationCommitmentEntity.<ApplicationCommitmentEntity>findById(id)
                        .map(c -> new Detail(
                                toRecord(row),
                                c == null
                                        ? null
                                        : new AcceptedCommitment(
                                                c.version, c.textSha256, c.acceptedBy, c.acceptedAt)))));
    }

    public Uni<Page<HistoryRecord>> history(Viewer viewer, UUID id, PageRequest page) {
        return Panache.withSession(() -> visible(viewer, id)
                        .chain(row -> ApplicationHistoryEntity.<ApplicationHistoryEntity>list(
                                "applicationId", Sort.ascending("id"), id)))
                .map(rows -> Page.of(
                        rows.stream()
                                .map(h -> new HistoryRecord(h.fromStatus, h.toStatus, h.actor, h.note, h.noteEn, h.at))
                                .toList(),
                        page));
    }

    private static Uni<ApplicationEntity> visible(Viewer viewer, UUID id) {
        return ApplicationEntity.<ApplicationEntity>findById(id).map(row -> {
            if (row == null || !maySee(viewer, row)) {
                throw ProblemException.notFound("申请", "application", id.toString());
            }
            return row;
        });
    }

    /** Whether the viewer may know the application at all. */
    public static boolean maySee(Viewer viewer, ApplicationRecord row) {
        if (viewer.seesAll()) {
            return true;
        }
        if (viewer.isCityApprover()
                && ProcedureState.AWAITING_CITY_APPROVAL.name().equals(row.status())) {
            return true;
        }
        if (viewer.isReviewer() && row.department() != null && row.department().equals(viewer.department())) {
            return true;
        }
        return viewer.isEnterprise() && row.applicantId().equals(viewer.enterpriseId());
    }

    private static boolean maySee(Viewer viewer, ApplicationEntity row) {
        if (viewer.seesAll()) {
            return true;
        }
        if (viewer.isCityApprover()
                && ProcedureState.AWAITING_CITY_APPROVAL.name().equals(row.status)) {
            return true;
        }
        if (viewer.isReviewer() && row.department != null && row.department.equals(viewer.department())) {
            return true;
        }
        return viewer.isEnterprise() && row.applicantId.equals(viewer.enterpriseId());
    }

    public static ApplicationRecord toRecord(ApplicationEntity row) {
        return new ApplicationRecord(
                row.id,
                row.applicantId,
                row.programme,
                row.district,
                row.facts,
                row.status,
                row.ceiling,
                row.department,
                row.approvedAmount,
                row.paidAmount,
                row.reasonZh,
                row.reasonEn,
                row.submittedAt,
                row.updatedAt,
                row.claimedBy,
                row.reviewDue,
                row.createdAt,
                row.procedure);
    }
}
