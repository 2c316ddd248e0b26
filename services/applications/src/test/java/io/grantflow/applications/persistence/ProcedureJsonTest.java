package io.grantflow.applications.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.WorkingCalendars;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.applications.domain.procedure.BudgetRefusal;
import io.grantflow.applications.domain.procedure.CeilingOverride;
import io.grantflow.applications.domain.procedure.CorrectionItem;
import io.grantflow.applications.domain.procedure.Evaluation;
import io.grantflow.applications.domain.procedure.OverrideKind;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.domain.procedure.ProcedureSettings;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.domain.procedure.ProgrammeFlag;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The stored procedure reads back as it was written, at every step of a long way through it
 * (correction, four-eyes, override, objection, city approval, budget refusal, instalments,
 * clawback): every field of the snapshot survives, so a restored procedure decides as the
 * original would.
 */
class ProcedureJsonTest {
    private static final WorkingDayCalendar CALENDAR = WorkingCalendars.shipped();
    private static final ProcedureJson CODEC = new ProcedureJson(new ObjectMapper().findAndRegisterModules());
    private static final Actor ENTERPRISE = Actor.enterprise("ent-alpha", "91320214AY4CL12T29");
    private static final Actor REVIEWER = Actor.reviewer("rev-industry", "industry");
    private static final Actor SECOND = Actor.reviewer("rev-industry-2", "industry");
    private static final Actor CITY = Actor.cityApprover("city-approver");
    private static final Actor SYSTEM = Actor.system("test");
    private static final Bilingual WHY = Bilingual.of("符合条件", "meets the terms");

    private Instant at = Instant.parse("2026-03-02T02:00:00Z");
    private final List<ProcedureState> seen = new ArrayList<>();

    @Test
    void everySnapshotOnTheWayReadsBackEqual() {
        Procedure p = Procedure.draft(
                UUID.randomUUID(),
                ENTERPRISE.enterpriseId(),
                "S3-KEY-TECH-RD",
                ProcedureSettings.DEFAULT,
                ENTERPRISE,
                at,
                CALENDAR);
        check(p);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<Consumer<Procedure>> steps = List.of(
                x -> x.submit(ENTERPRISE, next()),
                x -> x.recordEvaluation(
                        SYSTEM,
                        new Evaluation(
                                true,
                                new BigDecimal("3000000.00"),
                                "industry",
                                Set.of(ProgrammeFlag.STAGED),
                                "2025.3",
                                List.of(WHY),
                                at,
                                Set.of(OverrideKind.MAJOR_RD_PROJECT)),
                        next()),
                x -> x.claim(REVIEWER, next()),
                x -> x.requestCorrection(
                        REVIEWER, List.of(new CorrectionItem("rd_spend", CorrectionItem.Problem.WRONG, WHY)), next()),
                x -> x.resubmit(ENTERPRISE, 1, Set.of("rd_spend"), next()),
                x -> x.recordReevaluation(
                        SYSTEM,
                        new Evaluation(
                                true,
                                new BigDecimal("2500000.00"),
                                "industry",
                                Set.of(ProgrammeFlag.STAGED),
                                "2025.3",
                                List.of(WHY),
                                at,
                                Set.of(OverrideKind.MAJOR_RD_PROJECT),
                                1),
                        next()),
                x -> x.recommend(
                        REVIEWER,
                        new BigDecimal("4000000.00"),
                        WHY,
                        new CeilingOverride.Request(OverrideKind.MAJOR_RD_PROJECT, WHY),
                        next()),
                x -> x.confirm(SECOND, next()),
                x -> x.announce(REVIEWER, next()),
                x -> x.raiseObjection(Actor.enterprise("ent-beta", "913202117BYC46N175"), WHY, next()),
                x -> x.dismissObjections(REVIEWER, WHY, next()),
                x -> x.closeAnnouncement(SYSTEM, first, later(Duration.ofDays(14))),
                x -> x.cityApprove(CITY, first, next()),
                x -> x.recordBudgetRefusal(
                        SYSTEM,
                        first,
                        new BudgetRefusal(
                                "LIMIT_EXCEEDED",
                                "programme/S3-KEY-TECH-RD/2026",
                                new BigDecimal("1000.00"),
                                new BigDecimal("4000000.00"),
                                WHY,
                                at),
                        next()),
                x -> x.recommend(REVIEWER, new BigDecimal("2500000.00"), WHY, null, next()),
                x -> x.confirm(SECOND, next()),
                x -> x.announce(REVIEWER, next()),
                x -> x.closeAnnouncement(SYSTEM, second, later(Duration.ofDays(14))),
                x -> x.recordFundsReserved(SYSTEM, second, next()),
                x -> x.recordPayment(SYSTEM, second, new BigDecimal("1000000.00"), next()),
                x -> x.recordPayment(SYSTEM, second, new BigDecimal("1500000.00"), next()),
                x -> x.close(REVIEWER, null, next()),
                x -> x.clawBack(REVIEWER, new BigDecimal("100.01"), WHY, next()));
        for (Consumer<Procedure> step : steps) {
            step.accept(p);
            check(p);
        }
        assertThat(seen)
                .contains(
                        ProcedureState.CORRECTION_REQUESTED,
                        ProcedureState.AWAITING_CONFIRMATION,
                        ProcedureState.OBJECTION_RAISED,
                        ProcedureState.AWAITING_CITY_APPROVAL,
                        ProcedureState.PARTLY_PAID,
                        ProcedureState.CLAWED_BACK);
    }

    @Test
    void aDemonstrationsShortAnnouncementIsKeptWithTheProcedureAndASnapshotWithoutItReadsAsTheLaw() {
        Procedure demo = Procedure.draft(
                UUID.randomUUID(),
                ENTERPRISE.enterpriseId(),
                "S4-EDGE-COMPUTE",
                ProcedureSettings.DEFAULT.withDemoAnnouncementPeriod(Duration.ofMinutes(3)),
                ENTERPRISE,
                at,
                CALENDAR);
        String text = CODEC.write(demo.snapshot());
        assertThat(text).contains("\"demoAnnouncementPeriod\":\"PT3M\"");
        assertThat(CODEC.read(text)).isEqualTo(demo.snapshot());
        // a snapshot written before the setting existed has none
        String older = CODEC.write(Procedure.draft(
                                UUID.randomUUID(),
                                ENTERPRISE.enterpriseId(),
                                "S4-EDGE-COMPUTE",
                                ProcedureSettings.DEFAULT,
                                ENTERPRISE,
                                at,
                                CALENDAR)
                        .snapshot())
                .replace(",\"demoAnnouncementPeriod\":null", "");
        assertThat(older).doesNotContain("demoAnnouncementPeriod");
        assertThat(CODEC.read(older).settings().demoAnnouncementPeriod()).isNull();
    }

    private void check(Procedure p) {
        Procedure.Snapshot written = p.snapshot();
        Procedure.Snapshot read = CODEC.read(CODEC.write(written));
        assertThat(read).as("after %s", p.state()).isEqualTo(written);
        // and the restored one goes on to the same decisions
        assertThat(Procedure.restore(read, CALENDAR).allowedCommands()).isEqualTo(p.allowedCommands());
        seen.add(p.state());
    }

    private Instant next() {
        at = at.plus(Duration.ofHours(1));
        return at;
    }

    private Instant later(Duration d) {
        at = at.plus(d);
        return at;
    }
}
