package io.grantflow.applications.application;

import io.grantflow.applications.domain.Application;
import io.grantflow.applications.domain.ApplicationStatus;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.ApplicationHistoryEntity;
import io.grantflow.applications.persistence.ApplicationMapper;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records a status change in one go: the row, its history line and the
 * {@code ApplicationStatusChangedV1} event in the outbox, all in the caller's transaction.
 */
@ApplicationScoped
public class StatusChanges {
    private final Outbox outbox;

    public StatusChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> record(
            ApplicationEntity row, ApplicationStatus previous, Application app, String actor, MessageContext context) {
        ApplicationMapper.copy(app, row);
        ApplicationHistoryEntity history = new ApplicationHistoryEntity();
        history.applicationId = app.id();
        history.fromStatus = previous == null ? null : previous.name();
        history.toStatus = app.status().name();
        history.actor = actor;
        history.note = app.reasonZh();
        history.at = OffsetDateTime.ofInstant(app.updatedAt(), ZoneOffset.UTC);
        // an approval names its reservation and department: disbursement pays only what an approval traces back to
        ApplicationStatusChangedV1 event = new ApplicationStatusChangedV1(
                app.id(),
                app.applicantId(),
                app.programme(),
                previous == null ? null : previous.name(),
                app.status().name(),
                amountOf(app),
                app.reasonZh(),
                app.reasonEn(),
                row.contactEmail,
                app.reservationId(),
                Vocabulary.DEPARTMENT_CODES.contains(app.department()) ? app.department() : null,
                app.updatedAt());
        return row.persist()
                .chain(history::persist)
                .chain(() -> outbox.add(event, app.id().toString(), context))
                .replaceWithVoid();
    }

    /** The amount a notice about this status speaks of. */
    static BigDecimal amountOf(Application app) {
        return switch (app.status()) {
            case ELIGIBLE -> app.ceiling();
            case APPROVED, FUNDS_RESERVED, BUDGET_REFUSED, PAYMENT_FAILED -> app.approvedAmount();
            case PAID -> app.paidAmount();
            default -> null;
        };
    }
}
