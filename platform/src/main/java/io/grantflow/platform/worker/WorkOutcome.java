package io.grantflow.platform.worker;

import java.util.Objects;

/** How one attempt at a row ended: done, failed for now (retried after a back-off), or refused for good (parked). */
public final class WorkOutcome {
    private static final WorkOutcome DONE = new WorkOutcome(true, true, null);

    private final boolean done;
    private final boolean retriable;
    private final String error;

    private WorkOutcome(boolean done, boolean retriable, String error) {
        this.done = done;
        this.retriable = retriable;
        this.error = error;
    }

    public static WorkOutcome done() {
        return DONE;
    }

    /** A failure a later attempt may mend (a timeout, a 5xx, a server away). */
    public static WorkOutcome retry(String error) {
        return new WorkOutcome(false, true, Objects.requireNonNull(error, "error"));
    }

    /** A failure no retry mends: the row is parked at once. */
    public static WorkOutcome refused(String error) {
        return new WorkOutcome(false, false, Objects.requireNonNull(error, "error"));
    }

    public boolean isDone() {
        return done;
    }

    public boolean retriable() {
        return retriable;
    }

    public String error() {
        return error;
    }
}
