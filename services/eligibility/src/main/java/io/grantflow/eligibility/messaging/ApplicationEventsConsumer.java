package io.grantflow.eligibility.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.eligibility.application.EvaluateApplication;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Evaluates every submitted application; other application events are not its concern. */
@ApplicationScoped
public class ApplicationEventsConsumer {
    static final String CONSUMER = "eligibility.application-events";

    private final Inbox inbox;
    private final MessageRoutes routes;

    public ApplicationEventsConsumer(Inbox inbox, EvaluateApplication evaluate, ObjectMapper json) {
        this.inbox = inbox;
        this.routes = MessageRoutes.using(json).on(MessageType.APPLICATION_SUBMITTED_V1, evaluate::evaluate);
    }

    @Incoming("application-events")
    public Uni<Void> consume(Message<String> message) {
        return inbox.process(CONSUMER, message, routes);
    }
}
