package io.grantflow.applications.domain.calendar;

import io.grantflow.platform.text.Bilingual;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of a calendar file: a run of days off ({@link Kind#HOLIDAY}) or a make-up working day
 * (调休上班, {@link Kind#WORKDAY}), both ends inclusive, with the name the notice gives it.
 */
public record CalendarEntry(LocalDate from, LocalDate to, Kind kind, Bilingual name) {
    /** What the days of the entry are. */
    public enum Kind {
        /** Days off, whatever day of the week they fall on. */
        HOLIDAY,
        /** A Saturday or Sunday worked in exchange for a bridging day off (调休上班). */
        WORKDAY
    }

    public CalendarEntry {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("an entry ends before it starts: " + from + ".." + to);
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
