package io.grantflow.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.domain.Application;
import io.grantflow.applications.domain.ApplicationStatus;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.ApplicationMapper;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.contracts.events.Reason;
import io.grantflow.contracts.events.ReservationRefusedV1;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Moves an application along as the other services report: evaluation, reservation, payment.
 * Runs inside the inbox's transaction. An event for an unknown application, or one the status
 * machine refuses, cannot be applied: it is poison and goes to the dead-letter topic.
 */
@ApplicationScoped
public class TrackApplication {
    private final StatusChanges statusChanges;
    private final ObjectMapper json;

    public TrackApplication(StatusChanges statusChanges, ObjectMapper json) {
        this.statusChanges = statusChanges;
        this.json = json;
    }

    public Uni<Void> evaluated(ApplicationEvaluatedV1 e, MessageContext context) {
        String zh = e.reasons().stream().map(Reason::messageZh).collect(Collectors.joining("；"));
        String en = e.reasons().stream().map(Reason::messageEn).collect(Collectors.joining("; "));
        return apply(
                e.applicationId(),
                ApplicationStatus.SUBMITTED,
                "eligibility",
                context,
                app -> app.evaluated(
                        e.eligible(),
                        e.ceiling(),
                        e.department(),
                        zh.isEmpty() ? null : zh,
                        en.isEmpty() ? null : en,
                        e.evaluatedAt()),
                row -> {
                    row.limits = Json.write(json, e.limits());
                    row.staging = e.staging() == null || e.staging().isEmpty() ? null : Json.write(json, e.staging());
                });
    }

    public Uni<Void> reserved(FundsReservedV1 e, MessageContext context) {
        if (blockGrant(e.origin())) {
            return Uni.createFrom().voidItem();
        }
        return apply(
                e.applicationId(),
                ApplicationStatus.APPROVED,
                "budget",
                context,
                app -> app.fundsReserved(e.reservationId(), e.reservedAt()));
    }

    public Uni<Void> refused(ReservationRefusedV1 e, MessageContext context) {
        return apply(
                e.applicationId(),
                ApplicationStatus.APPROVED,
                "budget",
                context,
                app -> app.budgetRefused(e.reservationId(), e.messageZh(), e.messageEn(), e.refusedAt()));
    }

    public Uni<Void> paid(PaymentCompletedV1 e, MessageContext context) {
        if (blockGrant(e.origin())) {
            return Uni.createFrom().voidItem();
        }
        return apply(
                e.applicationId(),
                ApplicationStatus.FUNDS_RESERVED,
                "disbursement",
                context,
                app -> app.paid(e.reservationId(), e.amount(), e.paidAt()));
    }

    public Uni<Void> paymentFailed(PaymentFailedV1 e, MessageContext context) {
        if (blockGrant(e.origin())) {
            return Uni.createFrom().voidItem();
        }
        return apply(
                e.applicationId(),
                ApplicationStatus.FUNDS_RESERVED,
                "disbursement",
                context,
                app -> app.paymentFailed(e.reservationId(), e.messageZh(), e.messageEn(), e.failedAt()));
    }

    /** A district block grant's money: finance's, made without an application, none of this service's business. */
    private static boolean blockGrant(String origin) {
        return FundsReservedV1.ORIGIN_BLOCK_GRANT.equals(origin);
    }

    private Uni<Void> apply(
            UUID id, ApplicationStatus expected, String actor, MessageContext context, Consumer<Application> change) {
        return apply(id, expected, actor, context, change, row -> {});
    }

    private Uni<Void> apply(
            UUID id,
            ApplicationStatus expected,
            String actor,
            MessageContext context,
            Consumer<Application> change,
            Consumer<ApplicationEntity> record) {
        return ApplicationEntity.<ApplicationEntity>findById(id).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new PoisonMessageException("unknown application " + id));
            }
            Application app = ApplicationMapper.toDomain(row);
            if (app.status() != expected) {
                // Events of one application travel on different topics: a payment can overtake
                // the reservation it follows. Behind is worth retrying (the inbox backs off, then
                // dead-letters); anything else can never apply.
                RuntimeException failure = app.status().precedes(expected)
                        ? new IllegalStateException(
                                "application " + id + " is still " + app.status() + ", waiting for " + expected)
                        : new PoisonMessageException(
                                "application " + id + " is " + app.status() + ", expected " + expected);
                return Uni.createFrom().failure(failure);
            }
            ApplicationStatus previous = app.status();
            change.accept(app);
            record.accept(row);
            // the audit entry names the service that reported and the message it came in
            return statusChanges.record(row, previous, app, AuditContext.message(actor, context), context);
        });
    }
}
