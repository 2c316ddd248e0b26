package io.grantflow.applications.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The review time limit: counts working days, stands still while paused, resumes with what is left. */
class ReviewClockTest {
    private static final WorkingDayCalendar C = WorkingDayCalendar.weekendsOnly();
    private static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);

    @Test
    void aRunningClockIsDueTheAllowanceInWorkingDaysLater() {
        ReviewClock clock = ReviewClock.start(5, MONDAY);

        assertThat(clock.running()).isTrue();
        assertThat(clock.deadline(C).orElseThrow().lastDay()).isEqualTo(LocalDate.of(2025, 3, 10));
        assertThat(clock.remaining(C, MONDAY)).isEqualTo(5);
        assertThat(clock.remaining(C, LocalDate.of(2025, 3, 7))).isEqualTo(1);
        assertThat(clock.overdue(C, LocalDate.of(2025, 3, 10))).isFalse();
        assertThat(clock.overdue(C, LocalDate.of(2025, 3, 11))).isTrue();
        assertThat(clock.remaining(C, LocalDate.of(2025, 3, 11))).isEqualTo(-1);
    }

    @Test
    void theClockStandsStillWhilePausedAndResumesWithWhatIsLeft() {
        // Monday start; paused on Wednesday (Tuesday and Wednesday used); resumed the Monday after
        ReviewClock paused = ReviewClock.start(5, MONDAY).pause(C, LocalDate.of(2025, 3, 5));

        assertThat(paused.running()).isFalse();
        assertThat(paused.used()).isEqualTo(2);
        assertThat(paused.deadline(C)).isEmpty();
        assertThat(paused.remaining(C, LocalDate.of(2025, 4, 30))).isEqualTo(3);
        assertThat(paused.overdue(C, LocalDate.of(2025, 4, 30))).isFalse();

        ReviewClock resumed = paused.resume(LocalDate.of(2025, 3, 10));
        assertThat(resumed.deadline(C).orElseThrow().lastDay()).isEqualTo(LocalDate.of(2025, 3, 13));
        assertThat(resumed.pause(C, LocalDate.of(2025, 3, 10)).used()).isEqualTo(2); // the resuming day is not counted
    }

    @Test
    void pausingOrResumingTwiceChangesNothing() {
        ReviewClock running = ReviewClock.start(5, MONDAY);
        ReviewClock paused = running.pause(C, LocalDate.of(2025, 3, 4));

        assertThat(running.resume(LocalDate.of(2025, 3, 4))).isEqualTo(running);
        assertThat(paused.pause(C, LocalDate.of(2025, 3, 20))).isEqualTo(paused);
    }

    @Test
    void aClockLateBeforeItsPauseStaysLate() {
        ReviewClock late = ReviewClock.start(2, MONDAY).pause(C, LocalDate.of(2025, 3, 7));

        assertThat(late.used()).isEqualTo(4);
        assertThat(late.overdue(C, LocalDate.of(2025, 3, 7))).isTrue();
        ReviewClock back = late.resume(LocalDate.of(2025, 3, 17));
        assertThat(back.overdue(C, LocalDate.of(2025, 3, 17))).isTrue();
        assertThat(back.remaining(C, LocalDate.of(2025, 3, 17))).isEqualTo(-2);
        // the day it was due has passed: the deadline shows the day it came back
        assertThat(back.deadline(C).orElseThrow().lastDay()).isEqualTo(LocalDate.of(2025, 3, 17));
    }

    @Test
    void aClockCannotStopBeforeItStartedNorHaveNoAllowance() {
        assertThatThrownBy(() -> ReviewClock.start(5, MONDAY).pause(C, MONDAY.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReviewClock.start(0, MONDAY)).isInstanceOf(IllegalArgumentException.class);
    }

    /** However the time is cut into runs and pauses, the days used are the working days of the runs. */
    @Test
    void usedDaysAreTheWorkingDaysOfTheRunsOnRandomSchedules() {
        long seed = Long.getLong("calendar.seed", System.nanoTime()); // rerun one with -Dcalendar.seed=
        System.out.println("ReviewClockTest seed: " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            LocalDate day = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(300));
            ReviewClock clock = ReviewClock.start(20, day);
            int expected = 0;
            LocalDate runStart = day;
            for (int step = 0; step < 6; step++) {
                day = day.plusDays(random.nextInt(15));
                if (clock.running()) {
                    expected += C.workingDaysBetween(runStart, day);
                    clock = clock.pause(C, day);
                } else {
                    runStart = day;
                    clock = clock.resume(day);
                }
            }
            int now = clock.running() ? C.workingDaysBetween(runStart, day) : 0;
            assertThat(clock.remaining(C, day))
                    .as("seed %d round %d", seed, round)
                    .isEqualTo(20 - expected - now);
        }
    }
}
