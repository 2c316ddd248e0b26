package io.grantflow.platform.messaging;

/** A message that can never be handled (bad headers, unreadable payload): dead-lettered at once. */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
