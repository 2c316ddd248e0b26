package io.grantflow.applications.domain.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The last day something may be done on, and the instant that day ends (midnight after it, in
 * the policy's zone: a deadline is a whole day, not an hour).
 *
 * @param provisional the count crossed a year whose State Council notice is not in the calendar,
 *                    so the real last day may be later (bridging days off are not known yet)
 */
public record Deadline(LocalDate lastDay, Instant endsAt, boolean provisional) {
    public Deadline {
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    /** Whether the deadline has passed at this instant. */
    public boolean passedAt(Instant at) {
        return !at.isBefore(endsAt);
    }
}
