package io.grantflow.disbursement.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.disbursement.application.InstructPayment;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Reserved funds become a payment instruction, released ones cancel it; other budget events are not its concern. */
@ApplicationScoped
public class ReservationEventsConsumer {
    private final Inbox inbox;
    private final MessageRoutes routes;

    public ReservationEventsConsumer(Inbox inbox, InstructPayment instruct, ObjectMapper json) {
        this.inbox = inbox;
        this.routes = MessageRoutes.using(json)
                .on(MessageType.FUNDS_RESERVED_V1, instruct::instruct)
                .on(MessageType.FUNDS_VOIDED_V1, instruct::voided)
                .on(MessageType.FUNDS_EXPIRED_V1, instruct::expired);
    }

    @Incoming("reservation-events")
    public Uni<Void> consume(Message<String> message) {
        return inbox.process("disbursement.reservation-events", message, routes);
    }
}
