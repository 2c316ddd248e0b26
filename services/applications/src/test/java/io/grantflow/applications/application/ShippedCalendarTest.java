package io.grantflow.applications.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.applications.domain.calendar.AnnouncementPeriod;
import io.grantflow.applications.domain.calendar.CalendarEntry;
import io.grantflow.applications.domain.calendar.CalendarFileException;
import io.grantflow.applications.domain.calendar.CalendarYear;
import io.grantflow.applications.domain.calendar.Deadline;
import io.grantflow.applications.domain.calendar.ReviewClock;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The calendar the service ships, checked against the State Council's notices as they read
 * (each notice restated here by hand, so a typo in a data file and in this test would have to
 * agree), and the edge cases a deadline meets in them: the Spring Festival, a make-up Saturday,
 * a period crossing National Day, 补正 across the Spring Festival, the provisional 2027.
 */
class ShippedCalendarTest {
    private static final WorkingDayCalendar CALENDAR = WorkingCalendars.shipped();

    private static Set<LocalDate> days(String... ranges) {
        Set<LocalDate> days = new TreeSet<>();
        for (String range : ranges) {
            String[] ends = range.split("/");
            LocalDate from = LocalDate.parse(ends[0]);
            LocalDate to = ends.length == 1 ? from : LocalDate.parse(ends[1]);
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        return days;
    }

    private static Set<LocalDate> listed(int year, CalendarEntry.Kind kind) {
        Set<LocalDate> days = new TreeSet<>();
        for (CalendarYear y : CALENDAR.years()) {
            if (y.year() == year) {
                y.entries().stream().filter(e -> e.kind() == kind).forEach(e -> {
                    for (LocalDate d = e.from(); !d.isAfter(e.to()); d = d.plusDays(1)) {
                        days.add(d);
                    }
                });
            }
        }
        return days;
    }

    private static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void theShippedYearsAre2025And2026OfficialAnd2027Provisional() {
        assertThat(CALENDAR.years()).extracting(CalendarYear::year).containsExactly(2025, 2026, 2027);
        assertThat(CALENDAR.years())
                .extracting(CalendarYear::status)
                .containsExactly(
                        CalendarYear.Status.OFFICIAL, CalendarYear.Status.OFFICIAL, CalendarYear.Status.PROVISIONAL);
        assertThat(CALENDAR.years().get(0).published()).isEqualTo(d("2024-11-12"));
        assertThat(CALENDAR.years().get(1).published()).isEqualTo(d("2025-11-04"));
        assertThat(CALENDAR.years().get(2).published()).isNull();
        assertThat(CALENDAR.years().get(0).source().zh()).contains("国办发明电〔2024〕12号");
    }

    /** 国办发明电〔2024〕12号, 2024-11-12. */
    @Test
    void year2025IsTheNoticeOf12November2024() {
        assertThat(listed(2025, CalendarEntry.Kind.HOLIDAY))
                .containsExactlyElementsOf(days(
                        "2025-01-01", // 一、元旦：1月1日（周三）放假1天，不调休
                        "2025-01-28/2025-02-04", // 二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天
                        "2025-04-04/2025-04-06", // 三、清明节：4月4日（周五）至6日（周日）放假，共3天
                        "2025-05-01/2025-05-05", // 四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天
                        "2025-05-31/2025-06-02", // 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天
                        "2025-10-01/2025-10-08")); // 六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天
        assertThat(listed(2025, CalendarEntry.Kind.WORKDAY))
                .containsExactlyElementsOf(days(
                        "2025-01-26",
                        "2025-02-08", // 1月26日（周日）、2月8日（周六）上班
                        "2025-04-27", // 4月27日（周日）上班
                        "2025-09-28",
                        "2025-10-11")); // 9月28日（周日）、10月11日（周六）上班
        assertThat(listed(2025, CalendarEntry.Kind.HOLIDAY)).hasSize(1 + 8 + 3 + 5 + 3 + 8);
    }

    /** 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04. */
    @Test
    void year2026IsTheNoticeOf4November2025() {
        assertThat(listed(2026, CalendarEntry.Kind.HOLIDAY))
                .containsExactlyElementsOf(days(
                        "2026-01-01/2026-01-03", // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天
                        "2026-02-15/2026-02-23", // 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天
                        "2026-04-04/2026-04-06", // 三、清明节：4月4日（周六）至6日（周一）放假，共3天
                        "2026-05-01/2026-05-05", // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天
                        "2026-06-19/2026-06-21", // 五、端午节：6月19日（周五）至21日（周日）放假，共3天
                        "2026-09-25/2026-09-27", // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天
                        "2026-10-01/2026-10-07")); // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天
        assertThat(listed(2026, CalendarEntry.Kind.WORKDAY))
                .containsExactlyElementsOf(days(
                        "2026-01-04", // 1月4日（周日）上班
                        "2026-02-14",
                        "2026-02-28", // 2月14日（周六）、2月28日（周六）上班
                        "2026-05-09", // 5月9日（周六）上班
                        "2026-09-20",
                        "2026-10-10")); // 9月20日（周日）、10月10日（周六）上班
        assertThat(listed(2026, CalendarEntry.Kind.HOLIDAY)).hasSize(3 + 9 + 3 + 5 + 3 + 3 + 7);
    }

    /**
     * The statutory days of the National Holidays Regulation (2024 revision, art. 2: 元旦 1,
     * 春节 4 from the eve, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3) are inside every official year's
     * days off, so the provisional 2027, which has only those, errs only by the bridging days.
     */
    @Test
    void everyYearKeepsTheStatutoryDaysAndThe2027FileHasNothingElse() {
        Set<LocalDate> statutory2025 = days(
                "2025-01-01",
                "2025-01-28/2025-01-31",
                "2025-04-04",
                "2025-05-01/2025-05-02",
                "2025-05-31",
                "2025-10-06",
                "2025-10-01/2025-10-03");
        Set<LocalDate> statutory2026 = days(
                "2026-01-01",
                "2026-02-16/2026-02-19",
                "2026-04-05",
                "2026-05-01/2026-05-02",
                "2026-06-19",
                "2026-09-25",
                "2026-10-01/2026-10-03");
        Set<LocalDate> statutory2027 = days(
                "2027-01-01",
                "2027-02-05/2027-02-08",
                "2027-04-05",
                "2027-05-01/2027-05-02",
                "2027-06-09",
                "2027-09-15",
                "2027-10-01/2027-10-03");
        assertThat(statutory2025).hasSize(13);
        assertThat(statutory2026).hasSize(13);
        assertThat(listed(2025, CalendarEntry.Kind.HOLIDAY)).containsAll(statutory2025);
        assertThat(listed(2026, CalendarEntry.Kind.HOLIDAY)).containsAll(statutory2026);
        assertThat(listed(2027, CalendarEntry.Kind.HOLIDAY)).containsExactlyElementsOf(statutory2027);
        assertThat(listed(2027, CalendarEntry.Kind.WORKDAY)).isEmpty();
    }

    @Test
    void everyMakeUpWorkingDayIsAWeekendDayAndWorked() {
        for (int year = 2025; year <= 2026; year++) {
            for (LocalDate day : listed(year, CalendarEntry.Kind.WORKDAY)) {
                assertThat(day.getDayOfWeek()).as(day.toString()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                assertThat(CALENDAR.isWorkingDay(day)).as(day.toString()).isTrue();
            }
        }
    }

    @Test
    void theSpringFestival2025() {
        assertThat(CALENDAR.isWorkingDay(d("2025-01-26")))
                .as("Sunday before, worked")
                .isTrue();
        assertThat(CALENDAR.isWorkingDay(d("2025-01-27"))).isTrue();
        for (LocalDate day : days("2025-01-28/2025-02-04")) {
            assertThat(CALENDAR.isWorkingDay(day)).as(day.toString()).isFalse();
        }
        assertThat(CALENDAR.isWorkingDay(d("2025-02-05"))).isTrue();
        assertThat(CALENDAR.isWorkingDay(d("2025-02-08")))
                .as("Saturday after, worked")
                .isTrue();
        assertThat(CALENDAR.isWorkingDay(d("2025-02-09")))
                .as("an ordinary Sunday")
                .isFalse();
        assertThat(CALENDAR.entryOn(d("2025-01-29")).orElseThrow().name().en()).isEqualTo("Spring Festival");

        // a review of 20 working days from Friday 24 January: Sun 26 (1), Mon 27 (2), the festival,
        // Wed 5 - Fri 7 Feb (3-5), Sat 8 (6), 10-14 (7-11), 17-21 (12-16), 24-27 (17-20)
        assertThat(CALENDAR.addWorkingDays(d("2025-01-24"), 20)).isEqualTo(d("2025-02-27"));
        assertThat(CALENDAR.workingDaysBetween(d("2025-01-27"), d("2025-02-05")))
                .isEqualTo(1);
    }

    @Test
    void aMakeUpSaturdayIsCountedInADeadline() {
        // Friday 13 February 2026 + 1 working day is Saturday 14 (worked), not Tuesday 24
        assertThat(CALENDAR.addWorkingDays(d("2026-02-13"), 1)).isEqualTo(d("2026-02-14"));
        assertThat(CALENDAR.addWorkingDays(d("2026-02-14"), 1)).isEqualTo(d("2026-02-24"));
        assertThat(CALENDAR.addWorkingDays(d("2026-02-27"), 1)).isEqualTo(d("2026-02-28"));
        // and 10 October 2026 (Saturday after National Day)
        assertThat(CALENDAR.isWorkingDay(d("2026-10-10"))).isTrue();
    }

    @Test
    void anAnnouncementCrossingNationalDay2025() {
        // published Friday 26 September 2025 at 10:00 in Wuxi; 5 working days: Sun 28 (worked),
        // Mon 29, Tue 30, then 1-8 October off, Thu 9, Fri 10: closes at midnight after the 10th
        AnnouncementPeriod period = AnnouncementPeriod.of(CALENDAR, Instant.parse("2025-09-26T02:00:00Z"), 5);

        assertThat(period.firstDay()).isEqualTo(d("2025-09-28"));
        assertThat(period.lastDay()).isEqualTo(d("2025-10-10"));
        assertThat(period.closesAt()).isEqualTo(Instant.parse("2025-10-10T16:00:00Z"));
        assertThat(period.provisional()).isFalse();
        assertThat(period.openAt(Instant.parse("2025-10-10T15:59:59Z"))).isTrue();
        assertThat(period.openAt(Instant.parse("2025-10-10T16:00:00Z"))).isFalse();
    }

    @Test
    void aReviewDeadlineCrossingMidAutumnAndNationalDay2026() {
        // from Friday 18 September 2026: Sun 20 (worked) 1, 21-24 2-5, 25-27 off, 28-30 6-8,
        // 1-7 October off, Thu 8 9, Fri 9 10, Sat 10 (worked) 11, 12-16 12-16, 19-22 17-20
        Deadline deadline = CALENDAR.deadline(d("2026-09-18"), 20);

        assertThat(deadline.lastDay()).isEqualTo(d("2026-10-22"));
        assertThat(deadline.provisional()).isFalse();
    }

    @Test
    void aCorrectionAcrossTheSpringFestival2026PausesTheDeadline() {
        // eligible Monday 2 February 2026; without a pause due Friday 6 March
        ReviewClock clock = ReviewClock.start(20, d("2026-02-02"));
        assertThat(clock.deadline(CALENDAR).orElseThrow().lastDay()).isEqualTo(d("2026-03-06"));

        // 补正 requested Wednesday 4 February (Tue 3 and Wed 4 used); answered Wednesday 25 February
        ReviewClock paused = clock.pause(CALENDAR, d("2026-02-04"));
        assertThat(paused.remaining(CALENDAR, d("2026-02-25"))).isEqualTo(18);
        ReviewClock resumed = paused.resume(d("2026-02-25"));

        // 18 more from the 25th: 26, 27, Sat 28 (worked), 2-6 March, 9-13, 16-20 → Friday 20 March
        assertThat(resumed.deadline(CALENDAR).orElseThrow().lastDay()).isEqualTo(d("2026-03-20"));
        assertThat(resumed.overdue(CALENDAR, d("2026-03-20"))).isFalse();
        assertThat(resumed.overdue(CALENDAR, d("2026-03-21"))).isTrue();
    }

    @Test
    void theYear2027IsProvisionalAndSaysSo() {
        assertThat(CALENDAR.coverage(d("2027-02-09"))).isEqualTo(WorkingDayCalendar.Coverage.PROVISIONAL);
        assertThat(CALENDAR.isWorkingDay(d("2027-02-05")))
                .as("New Year's Eve, statutory")
                .isFalse();
        assertThat(CALENDAR.isWorkingDay(d("2027-02-08")))
                .as("third day, statutory")
                .isFalse();
        // no bridging day is invented: Tuesday 9 February counts as a working day until the notice says otherwise
        assertThat(CALENDAR.isWorkingDay(d("2027-02-09"))).isTrue();

        assertThat(CALENDAR.deadline(d("2026-12-15"), 20).provisional())
                .as("reaches January 2027")
                .isTrue();
        assertThat(CALENDAR.deadline(d("2026-11-02"), 20).provisional())
                .as("stays in 2026")
                .isFalse();
        assertThat(CALENDAR.coverage(d("2028-01-03"))).isEqualTo(WorkingDayCalendar.Coverage.NOT_COVERED);
    }

    @Test
    void aMissingOrBrokenFileStopsTheLoadWithItsName() {
        ClassLoader loader = getClass().getClassLoader();
        assertThatThrownBy(() -> WorkingCalendars.load(loader, "calendar/none.txt"))
                .isInstanceOf(CalendarFileException.class)
                .hasMessageContaining("calendar/none.txt");
        assertThatThrownBy(() -> WorkingCalendars.load(loader, "calendar-test/broken-index.txt"))
                .isInstanceOfSatisfying(CalendarFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("calendar-test/broken.csv");
                    assertThat(e.line()).isEqualTo(7);
                });
    }

    @Test
    void theLoaderReadsTheIndexInOrderAndSkipsComments() {
        List<CalendarYear> years =
                new ArrayList<>(WorkingCalendars.years(getClass().getClassLoader(), WorkingCalendars.INDEX));
        assertThat(years)
                .extracting(CalendarYear::file)
                .containsExactly("calendar/cn-2025.csv", "calendar/cn-2026.csv", "calendar/cn-2027.csv");
    }
}
