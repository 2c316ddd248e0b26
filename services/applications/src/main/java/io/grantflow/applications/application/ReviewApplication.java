package io.grantflow.applications.application;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.domain.Application;
import io.grantflow.applications.domain.ApplicationStatus;
import io.grantflow.applications.domain.Staging;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.ApplicationMapper;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.events.StageShare;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A department's decision. Approval moves the application to APPROVED and, in the same
 * transaction, asks the budget to reserve the amount in the current fiscal year.
 */
@ApplicationScoped
public class ReviewApplication {
    private static final ZoneId POLICY_ZONE = Vocabulary.POLICY_ZONE;

    private final StatusChanges statusChanges;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ReviewApplication(StatusChanges statusChanges, Outbox outbox, ObjectMapper json) {
        this.statusChanges = statusChanges;
        this.outbox = outbox;
        this.json = json;
    }

    /** An approval from code: the audit trail gets a made-up correlation id. */
    public Uni<ApplicationRecord> approve(UUID id, BigDecimal amount, String reviewerDepartment, String reviewer) {
        return approve(id, amount, reviewerDepartment, AuditContext.of(reviewer, "reviewer"));
    }

    public Uni<ApplicationRecord> approve(UUID id, BigDecimal amount, String reviewerDepartment, AuditContext who) {
        String reviewer = who.actorId();
        return Panache.withTransaction(() -> load(id, reviewerDepartment).chain(row -> {
                    Application app = ApplicationMapper.toDomain(row);
                    ApplicationStatus previous = app.status();
                    Instant now = Instant.now();
                    UUID reservationId = app.approve(amount, reviewerDepartment, now);
                    row.reviewedBy = reviewer;
                    MessageContext context = new MessageContext(id.toString(), null);
                    int year = now.atZone(POLICY_ZONE).getYear();
                    // a staged award commits each instalment against its own fiscal year's budget
                    List<InstalmentAmount> instalments = Staging.split(amount, year, staging(row)).stream()
                            .map(p -> new InstalmentAmount(p.fiscalYear(), p.amount()))
                            .toList();
                    ReserveFundsV1 command = new ReserveFundsV1(
                            reservationId,
                            id,
                            app.programme(),
                            app.department(),
                            app.applicantId(),
                            Vocabulary.ENTERPRISE,
                            year,
                            amount,
                            instalments,
                            limits(row),
                            now);
                    return statusChanges
                            .record(row, previous, app, who, context)
                            .chain(() -> outbox.add(command, id.toString(), context))
                            .replaceWith(row);
                }))
                .map(ApplicationQueries::toRecord);
    }

    /** A rejection from code: the audit trail gets a made-up correlation id. */
    public Uni<ApplicationRecord> reject(
            UUID id, String reasonZh, String reasonEn, String reviewerDepartment, String reviewer) {
        return reject(id, reasonZh, reasonEn, reviewerDepartment, AuditContext.of(reviewer, "reviewer"));
    }

    public Uni<ApplicationRecord> reject(
            UUID id, String reasonZh, String reasonEn, String reviewerDepartment, AuditContext who) {
        String reviewer = who.actorId();
        return Panache.withTransaction(() -> load(id, reviewerDepartment).chain(row -> {
                    Application app = ApplicationMapper.toDomain(row);
                    ApplicationStatus previous = app.status();
                    app.reject(reviewerDepartment, reasonZh, reasonEn, Instant.now());
                    row.reviewedBy = reviewer;
                    return statusChanges
                            .record(row, previous, app, who, new MessageContext(id.toString(), null))
                            .replaceWith(row);
                }))
                .map(ApplicationQueries::toRecord);
    }

    /** The evaluation's staging plan; empty for an award paid at once (and for older rows). */
    private List<Staging.Stage> staging(ApplicationEntity row) {
        if (row.staging == null || row.staging.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(row.staging, new TypeReference<List<StageShare>>() {}).stream()
                    .map(s -> new Staging.Stage(s.yearOffset(), s.share()))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("application " + row.id + " has an unreadable staging plan", e);
        }
    }

    /** The evaluation's limits, forwarded for the budget to enforce; the ceiling alone for older rows. */
    private List<LimitClaim> limits(ApplicationEntity row) {
        if (row.limits != null) {
            try {
                return json.readValue(row.limits, new TypeReference<List<LimitClaim>>() {});
            } catch (Exception e) {
                throw new IllegalStateException("application " + row.id + " has unreadable limits", e);
            }
        }
        return row.ceiling == null
                ? List.of()
                : List.of(LimitClaim.money(
                        LimitKind.PROGRAMME_CEILING,
                        LimitKind.ceilingKey(row.programme, row.applicantId),
                        row.ceiling));
    }

    /**
     * The application as a reviewer of {@code department} may decide it: one of another department
     * (or not yet evaluated, so of no department) does not exist for them, as when they read it.
     */
    private static Uni<ApplicationEntity> load(UUID id, String department) {
        return ApplicationEntity.<ApplicationEntity>findById(id).map(row -> {
            if (row == null || row.department == null || !row.department.equals(department)) {
                throw ProblemException.notFound("申请", "application", id.toString());
            }
            return row;
        });
    }
}
