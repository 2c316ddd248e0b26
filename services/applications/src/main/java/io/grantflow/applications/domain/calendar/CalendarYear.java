package io.grantflow.applications.domain.calendar;

import io.grantflow.platform.text.Bilingual;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One year of the working-day calendar as a file gives it: its holidays and make-up working
 * days, where they come from, and whether the year is {@link Status#OFFICIAL} (the State
 * Council's notice for that year) or {@link Status#PROVISIONAL} (the notice is not out yet: only
 * the statutory days, no bridging days off and no make-up working days).
 *
 * @param file      where the year was read from, for messages
 * @param published the notice's date; absent for a provisional year
 */
public record CalendarYear(
        int year, Status status, Bilingual source, LocalDate published, List<CalendarEntry> entries, String file) {
    /** How far a year's days can be trusted. */
    public enum Status {
        OFFICIAL,
        PROVISIONAL
    }

    public CalendarYear {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        entries = List.copyOf(entries);
        Objects.requireNonNull(file, "file");
    }
}
