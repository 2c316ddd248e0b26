package io.grantflow.applications.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.TrackApplication;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.contracts.events.ReservationRefusedV1;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Follows evaluation, budget and payment events to move applications along. Message types
 * this service does not act on (FundsPosted, say) are acknowledged and skipped.
 */
@ApplicationScoped
public class ProgressConsumers {
    private final Inbox inbox;
    private final TrackApplication track;
    private final ObjectMapper json;

    public ProgressConsumers(Inbox inbox, TrackApplication track, ObjectMapper json) {
        this.inbox = inbox;
        this.track = track;
        this.json = json;
    }

    @Incoming("evaluation-events")
    public Uni<Void> evaluations(Message<String> message) {
        return inbox.process("applications.evaluation-events", message, env -> {
            if (env.is(MessageType.APPLICATION_EVALUATED_V1)) {
                return track.evaluated(env.read(json, ApplicationEvaluatedV1.class), MessageContext.causedBy(env));
            }
            return Uni.createFrom().voidItem();
        });
    }

    @Incoming("reservation-events")
    public Uni<Void> reservations(Message<String> message) {
        return inbox.process("applications.reservation-events", message, env -> {
            if (env.is(MessageType.FUNDS_RESERVED_V1)) {
                return track.reserved(env.read(json, FundsReservedV1.class), MessageContext.causedBy(env));
            }
            if (env.is(MessageType.RESERVATION_REFUSED_V1)) {
                return track.refused(env.read(json, ReservationRefusedV1.class), MessageContext.causedBy(env));
            }
            return Uni.createFrom().voidItem();
        });
    }

    @Incoming("payment-events")
    public Uni<Void> payments(Message<String> message) {
        return inbox.process("applications.payment-events", message, env -> {
            if (env.is(MessageType.PAYMENT_COMPLETED_V1)) {
                return track.paid(env.read(json, PaymentCompletedV1.class), MessageContext.causedBy(env));
            }
            if (env.is(MessageType.PAYMENT_FAILED_V1)) {
                return track.paymentFailed(env.read(json, PaymentFailedV1.class), MessageContext.causedBy(env));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
