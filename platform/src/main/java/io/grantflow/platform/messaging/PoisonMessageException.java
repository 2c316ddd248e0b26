package io.grantflow.platform.messaging;

/** A message that can never be handled (bad headers, unreadable payload): dead-lettered at once, never retried. */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure} is, or was caused by, a poison message (a layer may have wrapped it). */
    public static boolean isPoison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PoisonMessageException) {
                return true;
            }
        }
        return false;
    }
}
