package io.grantflow.platform.messaging;

/**
 * Correlation and causation of a message about to be written: the correlation id follows one
 * application through every service; the causation id is the id of the message that caused it.
 */
public record MessageContext(String correlationId, String causationId) {

    /** A message caused by an incoming one: same correlation, the incoming id as cause. */
    public static MessageContext causedBy(IncomingEnvelope incoming) {
        return new MessageContext(incoming.correlationId(), incoming.id());
    }
}
