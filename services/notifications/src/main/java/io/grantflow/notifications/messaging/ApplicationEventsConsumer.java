package io.grantflow.notifications.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.notifications.application.NotifyStatusChange;
import io.grantflow.notifications.application.RecordWebhookDeliveries;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The changes of an application are told to its applicant, but for the silent ones
 * (NoticeTemplates), and to the webhooks of its department, in one transaction.
 */
@ApplicationScoped
public class ApplicationEventsConsumer {
    private final Inbox inbox;
    private final MessageRoutes routes;

    public ApplicationEventsConsumer(
            Inbox inbox, NotifyStatusChange notify, RecordWebhookDeliveries webhooks, ObjectMapper json) {
        this.inbox = inbox;
        this.routes = MessageRoutes.using(json)
                .on(
                        MessageType.APPLICATION_STATUS_CHANGED_V1,
                        (ApplicationStatusChangedV1 change, MessageContext context) ->
                                notify.inform(change, context).chain(() -> webhooks.record(change, context)));
    }

    @Incoming("application-events")
    public Uni<Void> consume(Message<String> message) {
        return inbox.process("notifications.application-events", message, routes);
    }
}
