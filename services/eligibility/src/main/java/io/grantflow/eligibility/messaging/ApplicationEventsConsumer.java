package io.grantflow.eligibility.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.eligibility.application.AwardHistory;
import io.grantflow.eligibility.application.EvaluateApplication;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Evaluates every submitted application, and follows approvals and budget refusals so that the
 * applicant's award history is known to the next evaluation.
 */
@ApplicationScoped
public class ApplicationEventsConsumer {
    static final String CONSUMER = "eligibility.application-events";

    private final Inbox inbox;
    private final MessageRoutes routes;

    public ApplicationEventsConsumer(
            Inbox inbox, EvaluateApplication evaluate, AwardHistory awards, ObjectMapper json) {
        this.inbox = inbox;
        this.routes = MessageRoutes.using(json)
                .on(MessageType.APPLICATION_SUBMITTED_V1, evaluate::evaluate)
                .on(MessageType.APPLICATION_STATUS_CHANGED_V1, awards::statusChanged);
    }

    @Incoming("application-events")
    public Uni<Void> consume(Message<String> message) {
        return inbox.process(CONSUMER, message, routes);
    }
}
