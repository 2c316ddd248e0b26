package io.grantflow.applications.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.TrackApplication;
import io.grantflow.contracts.MessageType;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Follows evaluation, budget and payment events to move applications along. */
@ApplicationScoped
public class ProgressConsumers {
    private final Inbox inbox;
    private final MessageRoutes evaluations;
    private final MessageRoutes reservations;
    private final MessageRoutes payments;

    public ProgressConsumers(Inbox inbox, TrackApplication track, ObjectMapper json) {
        this.inbox = inbox;
        this.evaluations =
                MessageRoutes.using(Lenient.of(json)).on(MessageType.APPLICATION_EVALUATED_V1, track::evaluated);
        this.reservations = MessageRoutes.using(Lenient.of(json))
                .on(MessageType.FUNDS_RESERVED_V1, track::reserved)
                .on(MessageType.RESERVATION_REFUSED_V1, track::refused);
        this.payments = MessageRoutes.using(Lenient.of(json))
                .on(MessageType.PAYMENT_COMPLETED_V1, track::paid)
                .on(MessageType.PAYMENT_FAILED_V1, track::paymentFailed)
                .on(MessageType.PAYMENT_CLEARANCE_REQUESTED_V1, track::clearanceRequested)
                .on(MessageType.RECOVERY_ORDERED_V1, track::recoveryOrdered);
    }

    @Incoming("evaluation-events")
    public Uni<Void> evaluations(Message<String> message) {
        return inbox.process("applications.evaluation-events", message, evaluations);
    }

    @Incoming("reservation-events")
    public Uni<Void> reservations(Message<String> message) {
        return inbox.process("applications.reservation-events", message, reservations);
    }

    @Incoming("payment-events")
    public Uni<Void> payments(Message<String> message) {
        return inbox.process("applications.payment-events", message, payments);
    }
}
