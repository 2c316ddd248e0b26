package io.grantflow.applications.domain.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The public announcement's period (公示期): {@code workingDays} working days counted from the
 * day after it was published (民法典第二百零一条), closing at midnight after its last day in the
 * policy's zone. Objections are heard until then; the scheduled job closes it from then on.
 *
 * @param provisional the period crosses a year whose notice is not in the calendar
 */
public record AnnouncementPeriod(
        Instant publishedAt,
        LocalDate firstDay,
        LocalDate lastDay,
        Instant closesAt,
        int workingDays,
        boolean provisional) {
    public AnnouncementPeriod {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(closesAt, "closesAt");
    }

    public static AnnouncementPeriod of(WorkingDayCalendar calendar, Instant publishedAt, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("an announcement lasts at least one working day: " + workingDays);
        }
        LocalDate published = calendar.dateOf(publishedAt);
        Deadline end = calendar.deadline(published, workingDays);
        return new AnnouncementPeriod(
                publishedAt,
                calendar.addWorkingDays(published, 1),
                end.lastDay(),
                end.endsAt(),
                workingDays,
                end.provisional());
    }

    /**
     * As {@link #of(WorkingDayCalendar, Instant, int)}, or, given {@code demoPeriod} (a local
     * demonstration's setting), closing that long after publication, on the days it spans.
     */
    public static AnnouncementPeriod of(
            WorkingDayCalendar calendar, Instant publishedAt, int workingDays, Duration demoPeriod) {
        if (demoPeriod == null) {
            return of(calendar, publishedAt, workingDays);
        }
        Instant closes = publishedAt.plus(demoPeriod);
        return new AnnouncementPeriod(
                publishedAt, calendar.dateOf(publishedAt), calendar.dateOf(closes), closes, workingDays, false);
    }

    /** Whether objections may still be raised at this instant. */
    public boolean openAt(Instant at) {
        return at.isBefore(closesAt);
    }
}
