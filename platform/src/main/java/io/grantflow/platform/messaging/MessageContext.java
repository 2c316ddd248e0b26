package io.grantflow.platform.messaging;

import java.util.UUID;

/**
 * Correlation and causation of a message about to be written: the correlation id follows one
 * application through every service; the causation id is the id of the message that caused it.
 */
public record MessageContext(String correlationId, String causationId) {

    /** A chain started by a REST call or a timer: new correlation, no cause. */
    public static MessageContext start() {
        return new MessageContext(UUID.randomUUID().toString(), null);
    }

    /** A message caused by an incoming one: same correlation, the incoming id as cause. */
    public static MessageContext causedBy(IncomingEnvelope incoming) {
        return new MessageContext(incoming.correlationId(), incoming.id());
    }
}
