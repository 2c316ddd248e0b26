package io.grantflow.notifications.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Keeps the programme directory: which departments an application's webhooks belong to. */
@ApplicationScoped
public class CatalogueConsumer {
    private final Inbox inbox;
    private final MessageRoutes routes;

    public CatalogueConsumer(Inbox inbox, ProgrammeDirectory directory, ObjectMapper json) {
        this.inbox = inbox;
        this.routes = MessageRoutes.using(json).on(MessageType.PROGRAMME_PUBLISHED_V1, directory::record);
    }

    @Incoming("catalogue-events")
    public Uni<Void> consume(Message<String> message) {
        return inbox.process("notifications.catalogue-events", message, routes);
    }
}
