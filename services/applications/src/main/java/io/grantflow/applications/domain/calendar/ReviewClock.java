package io.grantflow.applications.domain.calendar;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A department's review time limit (审核时限) in working days, which stands still while the
 * application is with the enterprise (补正) and goes on with the days that are left when it
 * comes back.
 *
 * <p>The day the clock starts or resumes on is not counted (it counts from the next working
 * day); the day it is paused on is counted when it is a working day (the department had it that
 * day). An allowance used up before a pause stays used up: the remaining days go negative, the
 * review is still overdue when the application comes back, and its deadline shows the day it
 * came back (the day it was due has passed already).
 *
 * @param allowance    the working days the department has in all
 * @param used         working days used in the runs before the current one
 * @param runningSince the day the current run started on; absent while paused
 */
public record ReviewClock(int allowance, int used, LocalDate runningSince) {
    public ReviewClock {
        if (allowance < 1) {
            throw new IllegalArgumentException("a review allowance is at least one working day: " + allowance);
        }
    }

    public static ReviewClock start(int allowance, LocalDate on) {
        return new ReviewClock(allowance, 0, Objects.requireNonNull(on, "on"));
    }

    public boolean running() {
        return runningSince != null;
    }

    /** Stops the clock on this day; a paused clock stays as it is. */
    public ReviewClock pause(WorkingDayCalendar calendar, LocalDate on) {
        if (!running()) {
            return this;
        }
        requireNotBefore(on);
        return new ReviewClock(allowance, used + calendar.workingDaysBetween(runningSince, on), null);
    }

    /** Starts the clock again on this day with what is left; a running clock stays as it is. */
    public ReviewClock resume(LocalDate on) {
        return running() ? this : new ReviewClock(allowance, used, Objects.requireNonNull(on, "on"));
    }

    /** Working days left on this day (negative once overdue). */
    public int remaining(WorkingDayCalendar calendar, LocalDate today) {
        int now = running() ? calendar.workingDaysBetween(runningSince, today) : 0;
        return allowance - used - now;
    }

    /** The deadline while the clock runs; none while it stands still (the application is with the enterprise). */
    public Optional<Deadline> deadline(WorkingDayCalendar calendar) {
        if (!running()) {
            return Optional.empty();
        }
        return Optional.of(calendar.deadline(runningSince, Math.max(0, allowance - used)));
    }

    /**
     * Overdue on this day: a running clock whose last day has passed, or a paused one that had
     * used up its allowance before it was paused.
     */
    public boolean overdue(WorkingDayCalendar calendar, LocalDate today) {
        if (!running()) {
            return used > allowance;
        }
        int left = allowance - used;
        return left < 0 || today.isAfter(calendar.addWorkingDays(runningSince, left));
    }

    private void requireNotBefore(LocalDate on) {
        if (on.isBefore(runningSince)) {
            throw new IllegalArgumentException("a clock running since " + runningSince + " cannot stop on " + on);
        }
    }
}
