package io.grantflow.applications.persistence;

import io.grantflow.applications.domain.calendar.ReviewClock;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.applications.domain.procedure.Evaluation;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.domain.procedure.ProcedureSettings;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.domain.procedure.Recommendation;
import io.grantflow.applications.domain.procedure.Reservation;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Maps the procedure to its row and back. The snapshot is the truth; the columns beside it are
 * copies for queries, written from it on every change, never read back into it.
 */
public final class ProcedureRows {
    private ProcedureRows() {}

    /** The procedure of a row; a row of the first flow (no snapshot yet) is read from its columns. */
    public static Procedure load(ApplicationEntity row, ProcedureJson codec, WorkingDayCalendar calendar) {
        Procedure.Snapshot snapshot = row.procedure == null ? legacy(row, calendar) : codec.read(row.procedure);
        return Procedure.restore(snapshot, calendar);
    }

    /** Writes the procedure's snapshot and its copies into the row. */
    public static void store(Procedure p, ApplicationEntity row, ProcedureJson codec) {
        row.procedure = codec.write(p.snapshot());
        row.status = p.state().name();
        row.ceiling = p.evaluation() == null ? null : p.evaluation().ceiling();
        row.department = p.department();
        row.approvedAmount = p.approvedAmount();
        row.paidAmount = p.paid().signum() == 0 ? null : p.paid();
        if (p.reservation() != null) {
            // a reservation id stays on the row once asked for (unique), until a new approval asks for another
            row.reservationId = p.reservation().id();
        }
        Bilingual outcome = p.outcome();
        if (p.state() == ProcedureState.UNDER_REVIEW && p.lastBudgetRefusal() != null && outcome == null) {
            outcome = p.lastBudgetRefusal().message();
        }
        row.reasonZh = outcome == null ? null : outcome.zh();
        row.reasonEn = outcome == null ? null : outcome.en();
        row.claimedBy = p.claimedBy();
        row.reviewDue = p.state().reviewClockRuns()
                ? p.reviewDeadline().map(d -> d.lastDay()).orElse(null)
                : null;
        row.announcementClosesAt = p.state() == ProcedureState.IN_ANNOUNCEMENT && p.announcement() != null
                ? OffsetDateTime.ofInstant(p.announcement().closesAt(), ZoneOffset.UTC)
                : null;
        row.updatedAt = OffsetDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC);
        if (row.createdAt == null) {
            row.createdAt = OffsetDateTime.ofInstant(p.createdAt(), ZoneOffset.UTC);
        }
    }

    /**
     * A row written by the first flow (before V5): its status was mapped by the migration, the
     * rest is read from its columns. It keeps the default settings, its review clock starts again
     * on the day it was last changed, and an approval's recommendation is the approved amount.
     */
    static Procedure.Snapshot legacy(ApplicationEntity row, WorkingDayCalendar calendar) {
        ProcedureState state = ProcedureState.valueOf(row.status);
        Instant updated = row.updatedAt.toInstant();
        Instant created = (row.createdAt != null ? row.createdAt : row.submittedAt).toInstant();
        Bilingual reason = row.reasonZh == null
                ? null
                : Bilingual.of(row.reasonZh, row.reasonEn == null ? row.reasonZh : row.reasonEn);
        Evaluation evaluation = state == ProcedureState.DRAFT || state == ProcedureState.SUBMITTED
                ? null
                : new Evaluation(
                        state != ProcedureState.INELIGIBLE,
                        row.ceiling,
                        row.department,
                        Set.of(),
                        "first-flow",
                        reason == null || state != ProcedureState.INELIGIBLE ? List.of() : List.of(reason),
                        updated);
        ReviewClock clock = evaluation == null || !evaluation.eligible()
                ? null
                : ReviewClock.start(ProcedureSettings.DEFAULT_REVIEW_WORKING_DAYS, calendar.dateOf(updated));
        boolean approved = row.approvedAmount != null && row.reservationId != null;
        Recommendation recommendation = approved
                ? new Recommendation(
                        row.approvedAmount,
                        Bilingual.of("首版流程中核定", "approved in the first flow"),
                        row.reviewedBy == null ? "unknown" : row.reviewedBy,
                        updated,
                        null,
                        false,
                        null,
                        null)
                : null;
        Reservation reservation = approved && state != ProcedureState.UNDER_REVIEW
                ? new Reservation(row.reservationId, row.approvedAmount, Reservation.Status.RESERVED)
                : null;
        BigDecimal paid = row.paidAmount == null ? Money.ZERO : row.paidAmount;
        return new Procedure.Snapshot(
                row.id,
                row.applicantId,
                row.programme,
                ProcedureSettings.DEFAULT,
                created,
                state,
                0,
                updated,
                evaluation,
                state == ProcedureState.UNDER_REVIEW ? row.claimedBy : null,
                clock,
                null,
                0,
                state == ProcedureState.UNDER_REVIEW ? null : recommendation,
                null,
                List.of(),
                reservation,
                null,
                state == ProcedureState.UNDER_REVIEW ? null : row.approvedAmount,
                paid,
                null,
                state == ProcedureState.REJECTED || state == ProcedureState.INELIGIBLE ? reason : null,
                0);
    }
}
