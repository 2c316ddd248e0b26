package io.grantflow.disbursement.application;

import io.grantflow.disbursement.persistence.PlanInstalmentView;
import io.grantflow.disbursement.persistence.PlanView;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads payment plans, with what became of each instalment's payment. */
@ApplicationScoped
public class PlanQueries {
    /** Plan statuses: ACTIVE, WAITING (an instalment waits or its payment is held), COMPLETED, CLOSED. */
    public static final List<String> STATUSES = List.of("ACTIVE", "WAITING", "COMPLETED", "CLOSED");

    /** A department's confirmation of an instalment's milestone. */
    public record MilestoneRecord(
            String evidence, String evidenceRef, String confirmedBy, OffsetDateTime confirmedAt) {}

    /**
     * An instalment: {@code status} is SCHEDULED (its condition not met yet), WAITING (with
     * {@code waitReason}: never paid by itself), or its payment's: IN_PAYMENT, PAID, HELD,
     * CANCELLED, FAILED ({@code paymentId}, {@code paymentStatus}, {@code holdReason}).
     */
    public record InstalmentRecord(
            int seq,
            int fiscalYear,
            BigDecimal amount,
            LocalDate dueDate,
            String condition,
            String status,
            String waitReason,
            OffsetDateTime waitingSince,
            UUID paymentId,
            String paymentStatus,
            String holdReason,
            BigDecimal confirmedAmount,
            OffsetDateTime paidAt,
            MilestoneRecord milestone) {
        static InstalmentRecord of(PlanInstalmentView v) {
            return new InstalmentRecord(
                    v.seq,
                    v.fiscalYear,
                    v.amount,
                    v.dueDate,
                    v.condition,
                    v.status,
                    v.waitReason,
                    v.waitingSince,
                    v.paymentId,
                    v.paymentStatus,
                    v.holdReason,
                    v.confirmedAmount,
                    "PAID".equals(v.status) ? v.settledAt : null,
                    v.confirmedAt == null
                            ? null
                            : new MilestoneRecord(v.evidence, v.evidenceRef, v.confirmedBy, v.confirmedAt));
        }
    }

    /** A payment plan: the award, what was paid of it, its status and its instalments in order. */
    public record PlanRecord(
            UUID id,
            UUID reservationId,
            UUID applicationId,
            String programme,
            String department,
            String beneficiaryId,
            String origin,
            BigDecimal awardAmount,
            int awardYear,
            BigDecimal paidAmount,
            String status,
            OffsetDateTime createdAt,
            List<InstalmentRecord> instalments) {
        static PlanRecord of(PlanView p, List<InstalmentRecord> instalments) {
            return new PlanRecord(
                    p.id,
                    p.reservationId,
                    p.applicationId,
                    p.programme,
                    p.department,
                    p.beneficiaryId,
                    p.origin,
                    p.awardAmount,
                    p.awardYear,
                    p.paidAmount,
                    p.status,
                    p.createdAt,
                    instalments);
        }
    }

    /**
     * A page of plans, newest first, optionally of one application and one status; {@code department}
     * (a reviewer's) restricts them to that department's.
     */
    public Uni<Page<PlanRecord>> list(
            UUID applicationId, String status, Optional<String> department, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (applicationId != null) {
            query.append(" and applicationId = :application");
            params.put("application", applicationId);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        if (department.isPresent()) {
            query.append(" and department = :department");
            params.put("department", department.get());
        }
        return Panache.withSession(() -> {
            var found = PlanView.<PlanView>find(
                    query.toString(), Sort.descending("createdAt").and("id"), params);
            return found.count()
                    .chain(total -> found.range(page.offset(), page.offset() + page.limit() - 1)
                            .list()
                            .chain(plans -> instalmentsOf(
                                            plans.stream().map(p -> p.id).toList())
                                    .map(byPlan -> new Page<>(
                                            plans.stream()
                                                    .map(p -> PlanRecord.of(p, byPlan.getOrDefault(p.id, List.of())))
                                                    .toList(),
                                            total,
                                            page.limit(),
                                            page.offset()))));
        });
    }

    /** One plan; 404 when there is none, or it is another department's and {@code department} is given. */
    public Uni<PlanRecord> get(UUID id, Optional<String> department) {
        return Panache.withSession(() -> PlanView.<PlanView>findById(id).chain(p -> {
            if (p == null || department.isPresent() && !department.get().equals(p.department)) {
                return Uni.createFrom().failure(ProblemException.notFound("拨付计划", "payment plan", id.toString()));
            }
            return instalmentsOf(List.of(id)).map(byPlan -> PlanRecord.of(p, byPlan.getOrDefault(id, List.of())));
        }));
    }

    private static Uni<Map<UUID, List<InstalmentRecord>>> instalmentsOf(List<UUID> planIds) {
        if (planIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return PlanInstalmentView.<PlanInstalmentView>list("planId in ?1 order by planId, seq", planIds)
                .map(rows -> rows.stream()
                        .collect(Collectors.groupingBy(
                                v -> v.planId, Collectors.mapping(InstalmentRecord::of, Collectors.toList()))));
    }
}
