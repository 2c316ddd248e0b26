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

/** Approvals of the applications service (what a reservation must trace back to) and its clearances of payments. */
@ApplicationScoped
public class ApplicationEventsConsumer {
    private final Inbox inbox;
    private final MessageRoutes routes;

    public ApplicationEventsConsumer(Inbox inbox, InstructPayment instruct, ObjectMapper json) {
        this.inbox = inbox;
        this.routes = MessageRoutes.using(json)
                .on(MessageType.APPLICATION_STATUS_CHANGED_V1, instruct::statusChanged)
                .on(MessageType.PAYMENT_CLEARANCE_V1, instruct::clearance);
    }

    @Incoming("application-events")
    public Uni<Void> consume(Message<String> message) {
        return inbox.process("disbursement.application-events", message, routes);
    }
}
