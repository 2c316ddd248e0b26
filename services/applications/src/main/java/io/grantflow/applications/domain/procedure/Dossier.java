package io.grantflow.applications.domain.procedure;

import io.grantflow.applications.domain.calendar.AnnouncementPeriod;
import io.grantflow.applications.domain.calendar.Deadline;
import io.grantflow.applications.domain.calendar.ReviewClock;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.applications.domain.procedure.Procedure.Snapshot;
import io.grantflow.applications.domain.procedure.ProcedureEvent.Header;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What one {@link Procedure} keeps, and the two steps every command shares: {@link #accept}
 * before anything changes and {@link #commit} to move. The fields are open to the package's
 * command handlers ({@link Intake}, {@link Review}, {@link Recommendations}, {@link
 * Announcements}, {@link Funding}), which are parts of the one procedure and change it only
 * between those two calls.
 */
final class Dossier {
    final UUID id;
    final String applicantId;
    final String programme;
    final ProcedureSettings settings;
    final Instant createdAt;
    final WorkingDayCalendar calendar;
    ProcedureState state;
    long version;
    Instant updatedAt;
    Evaluation evaluation;
    String claimedBy;
    ReviewClock clock;
    CorrectionNotice openCorrection;
    int correctionNotices;
    Recommendation recommendation;
    AnnouncementPeriod announcement;
    final List<Objection> objections;
    Reservation reservation;
    BudgetRefusal lastBudgetRefusal;
    BigDecimal approvedAmount;
    BigDecimal paid;
    BigDecimal clawedBack;
    Bilingual outcome;
    /** 补正: the revision of the facts whose evaluation is awaited (the answered notice's number); 0 none. */
    int reevaluationAwaited;

    final List<ProcedureEvent> pending = new ArrayList<>();

    Dossier(Snapshot s, WorkingDayCalendar calendar) {
        this.id = s.id();
        this.applicantId = s.applicantId();
        this.programme = s.programme();
        this.settings = s.settings();
        this.createdAt = s.createdAt();
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.state = s.state();
        this.version = s.version();
        this.updatedAt = s.updatedAt();
        this.evaluation = s.evaluation();
        this.claimedBy = s.claimedBy();
        this.clock = s.clock();
        this.openCorrection = s.openCorrection();
        this.correctionNotices = s.correctionNotices();
        this.recommendation = s.recommendation();
        this.announcement = s.announcement();
        this.objections = new ArrayList<>(s.objections());
        this.reservation = s.reservation();
        this.lastBudgetRefusal = s.lastBudgetRefusal();
        this.approvedAmount = s.approvedAmount();
        this.paid = s.paid();
        this.clawedBack = s.clawedBack();
        this.outcome = s.outcome();
        this.reevaluationAwaited = s.reevaluationAwaited();
    }

    /** A new draft at version 1: nothing but who applies, to what, under which settings. */
    static Snapshot draft(UUID id, String applicantId, String programme, ProcedureSettings settings, Instant at) {
        return new Snapshot(
                id,
                applicantId,
                programme,
                settings,
                at,
                ProcedureState.DRAFT,
                1,
                at,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                Money.ZERO,
                null,
                null,
                0);
    }

    /** A new offer at version 1, being screened (免申即享). */
    static Snapshot offer(UUID id, String applicantId, String programme, ProcedureSettings settings, Instant at) {
        Snapshot draft = draft(id, applicantId, programme, settings, at);
        return new Snapshot(
                id,
                applicantId,
                programme,
                settings,
                at,
                ProcedureState.SCREENING,
                1,
                at,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                draft.paid(),
                null,
                null,
                0);
    }

    Snapshot snapshot() {
        return new Snapshot(
                id,
                applicantId,
                programme,
                settings,
                createdAt,
                state,
                version,
                updatedAt,
                evaluation,
                claimedBy,
                clock,
                openCorrection,
                correctionNotices,
                recommendation,
                announcement,
                objections,
                reservation,
                lastBudgetRefusal,
                approvedAmount,
                paid,
                clawedBack,
                outcome,
                reevaluationAwaited);
    }

    /** The reviewing department, once evaluated. */
    String department() {
        return evaluation == null ? null : evaluation.department();
    }

    Optional<Deadline> reviewDeadline() {
        return clock == null ? Optional.empty() : clock.deadline(calendar);
    }

    /** Refuses a command the state does not accept, or one dated before the last change. */
    void accept(ProcedureCommand command, Instant at) {
        if (!command.acceptedIn(state)) {
            throw new IllegalTransitionException(state, command);
        }
        Objects.requireNonNull(at, "at");
        if (at.isBefore(updatedAt)) {
            // a command dated before the last change would run the review clock backwards
            throw Refusals.conflict(
                    "BEFORE_LAST_CHANGE",
                    null,
                    "操作时间早于申请的上一次变更（" + updatedAt + "）",
                    "The command is dated before the application's last change (" + updatedAt + ")");
        }
    }

    /** Moves to {@code to}: the clock follows the state, the version goes up, the one event is recorded. */
    <E extends ProcedureEvent> E commit(
            ProcedureCommand command, ProcedureState to, Actor actor, Instant at, Function<Header, E> event) {
        if (!command.to().contains(to)) {
            throw new IllegalStateException(command + " may not lead to " + to); // the table and the code disagree
        }
        ProcedureState from = state;
        LocalDate day = calendar.dateOf(at);
        if (clock == null) {
            if (to.reviewClockRuns()) {
                clock = ReviewClock.start(settings.reviewWorkingDays(), day);
            }
        } else if (from.reviewClockRuns() && !to.reviewClockRuns()) {
            clock = clock.pause(calendar, day);
        } else if (!from.reviewClockRuns() && to.reviewClockRuns()) {
            clock = clock.resume(day);
        }
        state = to;
        version++;
        updatedAt = at;
        E e = event.apply(new Header(id, version, command, from, to, actor, at));
        pending.add(e);
        return e;
    }
}
