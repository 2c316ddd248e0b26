package io.grantflow.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.audit.AuditTrail;
import io.grantflow.applications.domain.Application;
import io.grantflow.applications.domain.ApplicationStatus;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.ApplicationHistoryEntity;
import io.grantflow.applications.persistence.ApplicationMapper;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a status change in one go: its audit entry, the row, its history line and the
 * {@code ApplicationStatusChangedV1} event in the outbox, all in the caller's transaction. The
 * audit entry comes first: it locks the chain's head before any of the change's rows is written,
 * so every writer takes its locks in the same order.
 */
@ApplicationScoped
public class StatusChanges {
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public StatusChanges(Outbox outbox, AuditTrail audit, ObjectMapper json) {
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Records the change of {@code row} (still as it was, or new when {@code previous} is null) to
     * {@code app}, done by {@code who}.
     */
    public Uni<Void> record(
            ApplicationEntity row,
            ApplicationStatus previous,
            Application app,
            AuditContext who,
            MessageContext context) {
        String before = previous == null ? null : state(row);
        ApplicationMapper.copy(app, row);
        String after = state(row);
        String actor = who.actorId();
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
        return audit.append(who, action(app.status()), app.id().toString(), before, after)
                .chain(row::persist)
                .chain(history::persist)
                .chain(() -> outbox.add(event, app.id().toString(), context))
                .replaceWithVoid();
    }

    /** The audit trail's name of the action that leads to {@code status}. */
    static String action(ApplicationStatus status) {
        return switch (status) {
            case SUBMITTED -> "application.submit";
            case ELIGIBLE, INELIGIBLE -> "application.evaluation";
            case APPROVED -> "application.approval";
            case REJECTED -> "application.rejection";
            case FUNDS_RESERVED -> "application.funds-reserved";
            case BUDGET_REFUSED -> "application.funds-refused";
            case PAID -> "application.payment";
            case PAYMENT_FAILED -> "application.payment-failed";
        };
    }

    /**
     * The state the audit trail records before and after a change, as JSON: the status, the
     * amounts (text, two decimals), department, reservation and reasons; absent members left out.
     */
    private String state(ApplicationEntity row) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", row.status);
        put(state, "ceiling", row.ceiling);
        put(state, "department", row.department);
        put(state, "approvedAmount", row.approvedAmount);
        put(state, "paidAmount", row.paidAmount);
        put(state, "reservationId", row.reservationId);
        put(state, "reasonZh", row.reasonZh);
        put(state, "reasonEn", row.reasonEn);
        return Json.write(json, state);
    }

    private static void put(Map<String, Object> state, String name, Object value) {
        if (value != null) {
            state.put(name, value instanceof BigDecimal amount ? amount.toPlainString() : value.toString());
        }
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
