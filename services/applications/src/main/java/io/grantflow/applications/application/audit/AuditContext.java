package io.grantflow.applications.application.audit;

import io.grantflow.platform.messaging.MessageContext;
import java.util.UUID;

/**
 * Who acts, in which role, and the request or message the action answers: what every audit
 * entry records beside the change itself.
 *
 * @param correlationId for a REST request its {@code X-Request-Id} (or one made up for it), for a
 *     consumed message the message's id
 */
public record AuditContext(String actorId, String actorRole, String correlationId) {
    /** The role recorded for another service whose event moved an application along. */
    public static final String SERVICE_ROLE = "service";

    /** An action without a request id of its own (a use case called from code): one is made up. */
    public static AuditContext of(String actorId, String actorRole) {
        return new AuditContext(actorId, actorRole, UUID.randomUUID().toString());
    }

    /** A service's event, consumed: the message id correlates the entry with the message. */
    public static AuditContext message(String service, MessageContext context) {
        return new AuditContext(service, SERVICE_ROLE, context.causationId());
    }
}
