package io.grantflow.applications.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.platform.text.Bilingual;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic of working days, on small hand-made years (the shipped data: ShippedCalendarTest). */
class WorkingDayCalendarTest {
    private static final Bilingual NAME = Bilingual.of("节", "holiday");

    private static CalendarYear year(int year, CalendarYear.Status status, CalendarEntry... entries) {
        return new CalendarYear(year, status, Bilingual.of("来源", "source"), null, List.of(entries), "y" + year);
    }

    private static CalendarEntry holiday(String from, String to) {
        return new CalendarEntry(LocalDate.parse(from), LocalDate.parse(to), CalendarEntry.Kind.HOLIDAY, NAME);
    }

    private static CalendarEntry workday(String day) {
        return new CalendarEntry(LocalDate.parse(day), LocalDate.parse(day), CalendarEntry.Kind.WORKDAY, NAME);
    }

    /** A week with Wednesday to Friday off and the Saturday after worked. */
    private static final WorkingDayCalendar SMALL = WorkingDayCalendar.of(List.of(
            year(2025, CalendarYear.Status.OFFICIAL, holiday("2025-03-05", "2025-03-07"), workday("2025-03-08"))));

    @Test
    void weekendsAreOffAndWeekdaysWorkedWhenNoFileSaysOtherwise() {
        WorkingDayCalendar c = WorkingDayCalendar.weekendsOnly();

        assertThat(c.isWorkingDay(LocalDate.of(2025, 3, 3))).isTrue(); // Monday
        assertThat(c.isWorkingDay(LocalDate.of(2025, 3, 8))).isFalse(); // Saturday
        assertThat(c.isWorkingDay(LocalDate.of(2025, 3, 9))).isFalse(); // Sunday
        assertThat(c.coverage(LocalDate.of(2025, 3, 3))).isEqualTo(WorkingDayCalendar.Coverage.NOT_COVERED);
    }

    @Test
    void aHolidayIsOffAndAMakeUpSaturdayIsWorked() {
        assertThat(SMALL.isWorkingDay(LocalDate.of(2025, 3, 5))).isFalse();
        assertThat(SMALL.isWorkingDay(LocalDate.of(2025, 3, 8))).isTrue();
        assertThat(SMALL.entryOn(LocalDate.of(2025, 3, 8)))
                .map(CalendarEntry::kind)
                .contains(CalendarEntry.Kind.WORKDAY);
        assertThat(SMALL.entryOn(LocalDate.of(2025, 3, 4))).isEmpty();
    }

    @Test
    void theStartDayIsNotCountedAndHolidaysAreSkipped() {
        LocalDate monday = LocalDate.of(2025, 3, 3);

        assertThat(SMALL.addWorkingDays(monday, 0)).isEqualTo(monday);
        assertThat(SMALL.addWorkingDays(monday, 1)).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(SMALL.addWorkingDays(monday, 2)).isEqualTo(LocalDate.of(2025, 3, 8)); // the make-up Saturday
        assertThat(SMALL.addWorkingDays(monday, 3)).isEqualTo(LocalDate.of(2025, 3, 10));
        assertThatThrownBy(() -> SMALL.addWorkingDays(monday, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SMALL.workingDaysBetween(monday, LocalDate.of(2025, 3, 10))).isEqualTo(3);
        assertThat(SMALL.workingDaysBetween(LocalDate.of(2025, 3, 10), monday)).isEqualTo(-3);
        assertThat(SMALL.workingDaysBetween(monday, monday)).isZero();
    }

    @Test
    void aPeriodStartingOnAHolidayCountsFromTheNextWorkingDay() {
        assertThat(SMALL.addWorkingDays(LocalDate.of(2025, 3, 6), 1)).isEqualTo(LocalDate.of(2025, 3, 8));
        assertThat(SMALL.workingDayOnOrAfter(LocalDate.of(2025, 3, 6))).isEqualTo(LocalDate.of(2025, 3, 8));
        assertThat(SMALL.workingDayOnOrAfter(LocalDate.of(2025, 3, 4))).isEqualTo(LocalDate.of(2025, 3, 4));
    }

    @Test
    void theDateOfAnInstantIsThePolicyZones() {
        // 16:30 UTC on 30 September is 00:30 on 1 October in Wuxi
        Instant at = Instant.parse("2025-09-30T16:30:00Z");

        assertThat(SMALL.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(SMALL.dateOf(at)).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(SMALL.startOf(LocalDate.of(2025, 10, 1))).isEqualTo(Instant.parse("2025-09-30T16:00:00Z"));
    }

    @Test
    void aDeadlineEndsAtMidnightAfterItsLastDayAndSaysWhetherItIsProvisional() {
        WorkingDayCalendar c = WorkingDayCalendar.of(
                List.of(year(2026, CalendarYear.Status.OFFICIAL), year(2027, CalendarYear.Status.PROVISIONAL)));

        Deadline inside = c.deadline(LocalDate.of(2026, 6, 1), 5);
        assertThat(inside.lastDay()).isEqualTo(LocalDate.of(2026, 6, 8));
        assertThat(inside.endsAt()).isEqualTo(Instant.parse("2026-06-08T16:00:00Z"));
        assertThat(inside.provisional()).isFalse();
        assertThat(inside.passedAt(Instant.parse("2026-06-08T15:59:59Z"))).isFalse();
        assertThat(inside.passedAt(Instant.parse("2026-06-08T16:00:00Z"))).isTrue();

        assertThat(c.deadline(LocalDate.of(2026, 12, 28), 5).provisional()).isTrue();
        assertThat(c.deadline(LocalDate.of(2027, 12, 28), 5).provisional()).isTrue(); // 2028: not covered at all
        assertThat(c.coverage(LocalDate.of(2027, 3, 1))).isEqualTo(WorkingDayCalendar.Coverage.PROVISIONAL);
        assertThat(c.coverage(LocalDate.of(2028, 3, 1))).isEqualTo(WorkingDayCalendar.Coverage.NOT_COVERED);
        assertThat(c.coverage(LocalDate.of(2026, 3, 1))).isEqualTo(WorkingDayCalendar.Coverage.OFFICIAL);
    }

    @Test
    void twoFilesOfOneYearOrOneDayInTwoYearsAreRefused() {
        assertThatThrownBy(() -> WorkingDayCalendar.of(
                        List.of(year(2025, CalendarYear.Status.OFFICIAL), year(2025, CalendarYear.Status.PROVISIONAL))))
                .isInstanceOf(CalendarFileException.class)
                .hasMessageContaining("already given by y2025");
        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(
                        year(2024, CalendarYear.Status.OFFICIAL, holiday("2024-12-31", "2024-12-31")),
                        year(2025, CalendarYear.Status.OFFICIAL, holiday("2024-12-31", "2025-01-01")))))
                .isInstanceOf(CalendarFileException.class)
                .hasMessageContaining("2024-12-31 is already given by y2024");
    }

    /**
     * addWorkingDays and workingDaysBetween agree on random dates and counts: the n-th working day
     * after d is a working day n days on, and the day before it is n - 1 days on; counts turn
     * round when the days do, and add up over adjoining spans.
     */
    @Test
    void addingAndCountingAgreeOnRandomDates() {
        long seed = Long.getLong("calendar.seed", System.nanoTime()); // rerun one with -Dcalendar.seed=
        System.out.println("WorkingDayCalendarTest seed: " + seed);
        Random random = new Random(seed);
        WorkingDayCalendar c = SMALL;
        for (int i = 0; i < 2_000; i++) {
            LocalDate d = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(365));
            int n = random.nextInt(61);
            LocalDate target = c.addWorkingDays(d, n);
            String why = "seed " + seed + ", d " + d + ", n " + n;
            assertThat(c.workingDaysBetween(d, target)).as(why).isEqualTo(n);
            if (n != 0) {
                assertThat(c.isWorkingDay(target)).as(why).isTrue();
                assertThat(c.workingDaysBetween(d, target.minusDays(1))).as(why).isEqualTo(n - 1);
            }
            LocalDate e = d.plusDays(random.nextInt(200) - 100);
            int between = c.workingDaysBetween(d, e);
            assertThat(between).as(why).isEqualTo(-c.workingDaysBetween(e, d));
            // split anywhere in between: the counts add up
            LocalDate m = d.plusDays(random.nextInt(200) - 100);
            assertThat(c.workingDaysBetween(d, m) + c.workingDaysBetween(m, e))
                    .as(why)
                    .isEqualTo(between);
            assertThat(c.workingDaysBetween(d.minusDays(1), d)).as(why).isEqualTo(c.isWorkingDay(d) ? 1 : 0);
        }
    }
}
