package io.grantflow.applications.domain.calendar;

import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.text.Bilingual;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Working days in the policy's time zone ({@link Vocabulary#POLICY_ZONE}): Monday to Friday,
 * less the holidays, plus the make-up working days (调休上班) of the years it was given.
 *
 * <p>Counting follows the Civil Code's rule for periods (民法典第二百零一条: the day a period
 * starts on is not counted, it runs from the next day): {@link #addWorkingDays(LocalDate, int)
 * addWorkingDays(d, n)} is the n-th working day after {@code d}, and
 * {@link #workingDaysBetween(LocalDate, LocalDate) workingDaysBetween(a, b)} counts the working
 * days after {@code a} up to and including {@code b}, so that
 * {@code workingDaysBetween(d, addWorkingDays(d, n)) == n}.
 *
 * <p>A day of a year no file covers is counted as Monday to Friday, and {@link #coverage} says
 * so; a provisional year (its notice not out) is counted from the statutory days alone. Callers
 * that show a deadline say whether it is {@link Deadline#provisional() provisional}.
 */
public final class WorkingDayCalendar {
    /** How far the calendar knows a day. */
    public enum Coverage {
        /** The year's State Council notice is in the calendar. */
        OFFICIAL,
        /** Only the year's statutory days are known (its notice is not out): bridging days and make-up days are missing. */
        PROVISIONAL,
        /** No file covers the year: weekends only. */
        NOT_COVERED
    }

    private final ZoneId zone;
    private final Map<Integer, CalendarYear> years;
    private final Map<LocalDate, CalendarEntry> days;

    private WorkingDayCalendar(ZoneId zone, Map<Integer, CalendarYear> years, Map<LocalDate, CalendarEntry> days) {
        this.zone = zone;
        this.years = years;
        this.days = days;
    }

    /**
     * A calendar of these years in the policy's zone. Two files of one year, or a day that two
     * years both list, are refused: the calendar would depend on the order it was read in.
     */
    public static WorkingDayCalendar of(Collection<CalendarYear> years) {
        return of(years, Vocabulary.POLICY_ZONE);
    }

    public static WorkingDayCalendar of(Collection<CalendarYear> years, ZoneId zone) {
        Map<Integer, CalendarYear> byYear = new TreeMap<>();
        Map<LocalDate, CalendarEntry> days = new HashMap<>();
        Map<LocalDate, CalendarYear> owner = new HashMap<>();
        for (CalendarYear year : years) {
            CalendarYear twin = byYear.putIfAbsent(year.year(), year);
            if (twin != null) {
                throw new CalendarFileException(
                        year.file(),
                        0,
                        Bilingual.of(
                                year.year() + " 年已由 " + twin.file() + " 给出",
                                "the year " + year.year() + " is already given by " + twin.file()));
            }
            for (CalendarEntry entry : year.entries()) {
                for (LocalDate d = entry.from(); !d.isAfter(entry.to()); d = d.plusDays(1)) {
                    CalendarYear other = owner.putIfAbsent(d, year);
                    if (other != null) {
                        throw new CalendarFileException(
                                year.file(),
                                0,
                                Bilingual.of(
                                        d + " 已由 " + other.file() + " 给出", d + " is already given by " + other.file()));
                    }
                    days.put(d, entry);
                }
            }
        }
        // the years stay sorted (Map.copyOf would lose the order years() promises)
        return new WorkingDayCalendar(zone, Collections.unmodifiableMap(byYear), Map.copyOf(days));
    }

    /** Monday to Friday, no holidays: for tests and for places no file covers. */
    public static WorkingDayCalendar weekendsOnly() {
        return of(List.of());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The policy date of an instant (an application at 23:30 UTC on 30 September is filed on 1 October). */
    public LocalDate dateOf(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** Midnight at the start of a day in the policy's zone. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    public boolean isWorkingDay(LocalDate day) {
        CalendarEntry entry = days.get(day);
        if (entry != null) {
            return entry.kind() == CalendarEntry.Kind.WORKDAY;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The holiday or make-up working day a day belongs to, with its name; empty for an ordinary day. */
    public Optional<CalendarEntry> entryOn(LocalDate day) {
        return Optional.ofNullable(days.get(day));
    }

    /**
     * The n-th working day after {@code from} ({@code from} itself not counted); {@code from}
     * itself for 0.
     */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days are added, not taken away: " + n);
        }
        LocalDate day = from;
        for (int left = n; left > 0; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /**
     * Working days after {@code from} up to and including {@code to}; when {@code to} is before
     * {@code from}, the same count turned round and negative. (It is the difference of the
     * working days up to each day, so counts over adjoining spans add up.)
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The day itself when it is a working day, else the next one. */
    public LocalDate workingDayOnOrAfter(LocalDate day) {
        return isWorkingDay(day) ? day : addWorkingDays(day, 1);
    }

    public Coverage coverage(LocalDate day) {
        CalendarYear year = years.get(day.getYear());
        if (year == null) {
            return Coverage.NOT_COVERED;
        }
        return year.status() == CalendarYear.Status.OFFICIAL ? Coverage.OFFICIAL : Coverage.PROVISIONAL;
    }

    /** Whether every day from {@code from} to {@code to} (inclusive, either order) is in an official year. */
    public boolean officialThroughout(LocalDate from, LocalDate to) {
        LocalDate a = from.isBefore(to) ? from : to;
        LocalDate b = from.isBefore(to) ? to : from;
        for (int y = a.getYear(); y <= b.getYear(); y++) {
            CalendarYear year = years.get(y);
            if (year == null || year.status() != CalendarYear.Status.OFFICIAL) {
                return false;
            }
        }
        return true;
    }

    /** The years the calendar was given, in order. */
    public List<CalendarYear> years() {
        return List.copyOf(years.values());
    }

    /**
     * A deadline {@code n} working days after {@code from}: its last day, the instant it ends
     * (midnight after that day, policy zone) and whether the count crossed a day the calendar
     * does not know officially.
     */
    public Deadline deadline(LocalDate from, int n) {
        LocalDate due = addWorkingDays(from, n);
        return new Deadline(due, startOf(due.plusDays(1)), !officialThroughout(from, due));
    }
}
