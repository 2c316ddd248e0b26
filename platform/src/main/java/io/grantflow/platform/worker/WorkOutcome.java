package io.grantflow.platform.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * How one attempt at a row ended: done, failed for now (retried after a back-off), refused for
 * good (parked), or not finished yet without a failure (looked at again later, no attempt counted:
 * a payment order the treasury accepted and has still to confirm).
 */
public final class WorkOutcome {
    private static final WorkOutcome DONE = new WorkOutcome(true, true, null, null);

    private final boolean done;
    private final boolean retriable;
    private final String error;
    private final Duration later;

    private WorkOutcome(boolean done, boolean retriable, String error, Duration later) {
        this.done = done;
        this.retriable = retriable;
        this.error = error;
        this.later = later;
    }

    public static WorkOutcome done() {
        return DONE;
    }

    /** A failure a later attempt may mend (a timeout, a 5xx, a server away). */
    public static WorkOutcome retry(String error) {
        return new WorkOutcome(false, true, Objects.requireNonNull(error, "error"), null);
    }

    /** A failure no retry mends: the row is parked at once. */
    public static WorkOutcome refused(String error) {
        return new WorkOutcome(false, false, Objects.requireNonNull(error, "error"), null);
    }

    /** Not finished and not failed: the row is due again after {@code wait}, its attempts unchanged. */
    public static WorkOutcome later(Duration wait) {
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("a wait of zero or more is needed: " + wait);
        }
        return new WorkOutcome(false, true, null, wait);
    }

    /** The wait of a {@link #later} outcome, else null. */
    public Duration later() {
        return later;
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
