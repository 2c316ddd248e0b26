package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Run.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random commands by random people with random content, many walks of many steps (seeded; the
 * seed is printed): whatever happens, a refused command changes nothing, an accepted one is one
 * event within the table, and no walk ever approves money the rules forbid — above the ceiling
 * without an override and the city, above the threshold or without a ceiling by one reviewer,
 * by the city approver who recommended it, during an objection, or pays more than approved.
 */
class ProcedureRandomWalkTest {
    private static final Actor SAME_PERSON_AS_CITY = Actor.cityApprover(REVIEWER.id());
    private static final List<Actor> PEOPLE = List.of(
            ENTERPRISE,
            OTHER_ENTERPRISE,
            REVIEWER,
            SECOND,
            OTHER_DEPARTMENT,
            CITY,
            SAME_PERSON_AS_CITY,
            ELIGIBILITY,
            BUDGET,
            DISBURSEMENT,
            SCHEDULER,
            FINANCE,
            OPERATOR,
            ADMIN);
    private static final Set<ProcedureCommand> ENDINGS =
            EnumSet.of(ProcedureCommand.WITHDRAW, ProcedureCommand.REJECT, ProcedureCommand.CLAW_BACK);
    private static final List<String> AMOUNTS = List.of(
            "1.00",
            "250000.00",
            "300000.00",
            "300000.01",
            "1000000.00",
            "1000000.01",
            "5000000.00",
            "5000000.01",
            "8000000.00",
            "0.00",
            "-1.00",
            "0.001");

    @Test
    void noWalkBreaksTheRules() {
        long seed = Long.getLong("procedure.walk.seed", System.nanoTime()); // rerun one with -Dprocedure.walk.seed=
        System.out.println("ProcedureRandomWalkTest seed: " + seed);
        Random random = new Random(seed);
        Set<ProcedureState> reached = EnumSet.noneOf(ProcedureState.class);
        int accepted = 0;
        for (int walk = 0;
                walk < 3000;
                walk++) { // enough walks that the rare paths (payment, clawback) are reached whatever the seed
            accepted += walk(random, seed, walk, reached);
        }
        System.out.println("ProcedureRandomWalkTest: " + accepted + " commands accepted; states reached " + reached);
        // the walks must actually travel, or the checks above prove little
        assertThat(reached).as("seed %d", seed).hasSizeGreaterThanOrEqualTo(15);
        assertThat(accepted).as("seed %d", seed).isGreaterThan(1_000);
    }

    private int walk(Random random, long seed, int walk, Set<ProcedureState> reached) {
        BigDecimal[] ceilings = {null, new BigDecimal("300000.00"), new BigDecimal("5000000.00")};
        BigDecimal ceiling = ceilings[random.nextInt(ceilings.length)];
        EnumSet<ProgrammeFlag> flags = EnumSet.noneOf(ProgrammeFlag.class);
        for (ProgrammeFlag f :
                List.of(ProgrammeFlag.CASE_BY_CASE, ProgrammeFlag.CITY_APPROVAL, ProgrammeFlag.ON_MERIT)) {
            if (random.nextInt(4) == 0) {
                flags.add(f);
            }
        }
        EnumSet<OverrideKind> overrides = EnumSet.noneOf(OverrideKind.class);
        for (OverrideKind k : OverrideKind.values()) {
            if (random.nextBoolean()) {
                overrides.add(k);
            }
        }
        ProcedureSettings settings = ProcedureSettings.DEFAULT.withFourEyesAbove(
                random.nextBoolean() ? new BigDecimal("1000000.00") : new BigDecimal("100000.00"));
        Evaluation evaluation =
                new Evaluation(random.nextInt(8) != 0, ceiling, "industry", flags, "v", List.of(), T0, overrides);
        // one walk in four is a proactive offer (ADR 0020)
        Run r = random.nextInt(4) == 0 ? Run.offer(settings) : new Run(settings);
        List<UUID> reservations = new ArrayList<>(List.of(UUID.randomUUID()));
        int accepted = 0;
        for (int step = 0; step < 80 && !r.p.state().isTerminal(); step++) {
            String where = "seed " + seed + " walk " + walk + " step " + step;
            ProcedureState before = r.p.state();
            Procedure.Snapshot snapshot = r.p.snapshot();
            int events = r.p.pendingEvents().size();
            List<ProcedureCommand> commands = new ArrayList<>(
                    random.nextInt(10) < 7 && !before.isTerminal()
                            ? before.commands()
                            : EnumSet.complementOf(
                                    EnumSet.of(ProcedureCommand.CREATE_DRAFT, ProcedureCommand.CREATE_OFFER)));
            ProcedureCommand command = commands.get(random.nextInt(commands.size()));
            if (ENDINGS.contains(command) && random.nextInt(6) != 0) {
                command = commands.get(random.nextInt(commands.size())); // so that walks get far before they end
            }
            Actor actor =
                    random.nextInt(10) < 6 ? rightActor(command, before) : PEOPLE.get(random.nextInt(PEOPLE.size()));
            Instant at = advance(r, random);
            try {
                give(r, command, actor, at, evaluation, reservations, random);
            } catch (ProcedureException e) {
                assertThat(r.p.snapshot())
                        .as(where + " " + command + " refused " + e.code())
                        .isEqualTo(snapshot);
                assertThat(r.p.pendingEvents()).as(where).hasSize(events);
                continue;
            }
            accepted++;
            reached.add(r.p.state());
            List<ProcedureEvent> all = r.p.pendingEvents();
            assertThat(all).as(where).hasSize(events + 1);
            ProcedureEvent.Header h = all.get(all.size() - 1).header();
            assertThat(h.command()).as(where).isEqualTo(command);
            assertThat(h.from()).as(where).isEqualTo(before);
            assertThat(h.to()).as(where).isEqualTo(r.p.state());
            assertThat(command.to()).as(where).contains(h.to());
            assertThat(h.version()).as(where).isEqualTo(snapshot.version() + 1);
            if (r.p.approvedAmount() != null) {
                assertThat(r.p.paid()).as(where).isLessThanOrEqualTo(r.p.approvedAmount());
            }
            checkHistory(all, settings, where);
        }
        return accepted;
    }

    /** The rules that hold over the whole history of a walk. */
    private static void checkHistory(List<ProcedureEvent> events, ProcedureSettings settings, String where) {
        boolean paidOnce = false;
        UUID underWay = null;
        BigDecimal approved = null;
        BigDecimal paid = BigDecimal.ZERO;
        Evaluation evaluation = null;
        for (ProcedureEvent e : events) {
            if (e instanceof ProcedureEvent.FoundEligible f) {
                evaluation = f.evaluation();
            }
            if (e instanceof ProcedureEvent.OfferMade o) {
                // an offer carries only an amount nobody has to weigh (ADR 0020)
                evaluation = o.evaluation();
                assertThat(o.amount()).as(where).isNotNull().isEqualByComparingTo(evaluation.ceiling());
                assertThat(o.amount()).as(where).isLessThanOrEqualTo(settings.fourEyesAbove());
                assertThat(evaluation.cityApprovalRequired()).as(where).isFalse();
            }
            if (e instanceof ProcedureEvent.Approved a) {
                Recommendation rec = a.recommendation();
                assertThat(a.header().from())
                        .as(where)
                        .isIn(ProcedureState.IN_ANNOUNCEMENT, ProcedureState.AWAITING_CITY_APPROVAL);
                if (evaluation.ceiling() != null && rec.amount().compareTo(evaluation.ceiling()) > 0) {
                    assertThat(rec.override()).as(where + " above the ceiling").isNotNull();
                }
                if (rec.override() != null || evaluation.cityApprovalRequired()) {
                    assertThat(a.cityApprovedBy()).as(where + " needs the city").isNotNull();
                }
                if (evaluation.ceiling() == null || rec.amount().compareTo(settings.fourEyesAbove()) > 0) {
                    assertThat(rec.confirmedBy())
                            .as(where + " needs four eyes")
                            .isNotNull()
                            .isNotEqualTo(rec.recommendedBy());
                }
                if (a.cityApprovedBy() != null) {
                    assertThat(a.cityApprovedBy())
                            .as(where)
                            .isNotEqualTo(rec.recommendedBy())
                            .isNotEqualTo(rec.confirmedBy());
                }
                approved = a.amount();
                paid = BigDecimal.ZERO;
            }
            if (e instanceof ProcedureEvent.PaymentRecorded p) {
                assertThat(approved).as(where + " paid before any approval").isNotNull();
                paid = paid.add(p.amount());
                assertThat(paid).as(where).isLessThanOrEqualTo(approved).isEqualByComparingTo(p.totalPaid());
                paidOnce = true;
            }
            if (e instanceof ProcedureEvent.PaymentCleared c) {
                assertThat(underWay).as(where + " a second payment cleared").isIn(null, c.paymentId());
                underWay = c.paymentId();
            }
            if (e instanceof ProcedureEvent.PaymentFailed f && f.paymentId().equals(underWay)) {
                underWay = null;
            }
            if (e instanceof ProcedureEvent.PaymentRecorded) {
                underWay = null;
            }
            if (e instanceof ProcedureEvent.Withdrawn) {
                assertThat(paidOnce).as(where + " withdrawn after a payment").isFalse();
                assertThat(underWay)
                        .as(where + " withdrawn while a payment was under way")
                        .isNull();
            }
        }
    }

    /** Two payment orders, so that a walk can ask to clear a second one while the first is under way. */
    private static final List<UUID> PAYMENTS = List.of(UUID.randomUUID(), UUID.randomUUID());

    private static Instant advance(Run r, Random random) {
        Instant at = switch (random.nextInt(4)) {
            case 0 -> r.p.announcement() != null ? r.p.announcement().closesAt() : r.now;
            case 1 -> r.now.plusSeconds(random.nextInt(10) * 86_400L);
            default -> r.now.plusSeconds(random.nextInt(3_600));
        };
        r.now = at.isBefore(r.now) ? r.now : at;
        return r.now;
    }

    private static Actor rightActor(ProcedureCommand command, ProcedureState state) {
        return switch (command) {
            case CREATE_DRAFT, SUBMIT, RESUBMIT, WITHDRAW, CONFIRM_OFFER, DECLINE_OFFER -> ENTERPRISE;
            case CREATE_OFFER -> AGENCY;
            case RECORD_EVALUATION, RECORD_SCREENING, RECORD_REEVALUATION -> ELIGIBILITY;
            case CLAIM,
                    REQUEST_CORRECTION,
                    RECOMMEND,
                    ANNOUNCE,
                    DISMISS_OBJECTIONS,
                    UPHOLD_OBJECTION,
                    CLOSE,
                    CLAW_BACK,
                    WITHDRAW_OFFER -> REVIEWER;
            case CONFIRM, DECLINE_CONFIRMATION -> SECOND;
            case RAISE_OBJECTION -> OTHER_ENTERPRISE;
            case CLOSE_ANNOUNCEMENT -> SCHEDULER;
            case CITY_APPROVE -> CITY;
            case REJECT -> state == ProcedureState.AWAITING_CITY_APPROVAL ? CITY : REVIEWER;
            case RECORD_FUNDS_RESERVED, RECORD_BUDGET_REFUSAL -> BUDGET;
            case CLEAR_PAYMENT, RECORD_PAYMENT_FAILURE, RECORD_PAYMENT -> DISBURSEMENT;
        };
    }

    private static void give(
            Run r,
            ProcedureCommand command,
            Actor actor,
            Instant at,
            Evaluation evaluation,
            List<UUID> reservations,
            Random random) {
        Procedure p = r.p;
        Bilingual why = random.nextInt(8) == 0 ? null : WHY;
        BigDecimal amount = new BigDecimal(AMOUNTS.get(random.nextInt(AMOUNTS.size())));
        UUID reservation = random.nextInt(6) == 0
                ? UUID.randomUUID()
                : p.reservation() != null ? p.reservation().id() : reservations.get(reservations.size() - 1);
        switch (command) {
            case CREATE_DRAFT, CREATE_OFFER ->
                throw new IllegalStateException("not a command of an existing procedure");
            case CONFIRM_OFFER -> p.confirmOffer(actor, at);
            case DECLINE_OFFER -> p.declineOffer(actor, why, at);
            case WITHDRAW_OFFER -> p.withdrawOffer(actor, why, at);
            case SUBMIT -> p.submit(actor, at);
            case RECORD_EVALUATION -> p.recordEvaluation(actor, evaluation, at);
            case RECORD_SCREENING -> p.recordScreening(actor, evaluation, at);
            case RECORD_REEVALUATION -> {
                // now and then an evaluation of another revision than the one awaited
                int revision = random.nextInt(4) == 0 ? random.nextInt(3) : p.reevaluationAwaited();
                p.recordReevaluation(
                        actor,
                        new Evaluation(
                                random.nextInt(5) != 0,
                                evaluation.ceiling(),
                                evaluation.department(),
                                evaluation.flags(),
                                evaluation.catalogueVersion(),
                                evaluation.reasons(),
                                at,
                                evaluation.overrides(),
                                revision),
                        at);
            }
            case CLAIM -> p.claim(actor, at);
            case REQUEST_CORRECTION ->
                p.requestCorrection(actor, random.nextBoolean() ? ITEMS : ITEMS.subList(0, 1), at);
            case RESUBMIT ->
                p.resubmit(
                        actor,
                        random.nextInt(4) == 0 ? 9 : p.correctionNotices(),
                        Set.of(random.nextBoolean() ? "edge_purchase_cost" : "district"),
                        at);
            case RECOMMEND -> {
                CeilingOverride.Request override = random.nextInt(3) == 0
                        ? new CeilingOverride.Request(
                                OverrideKind.values()[random.nextInt(OverrideKind.values().length)], why)
                        : null;
                p.recommend(actor, amount, why, override, at);
            }
            case CONFIRM -> p.confirm(actor, at);
            case DECLINE_CONFIRMATION -> p.declineConfirmation(actor, why, at);
            case ANNOUNCE -> p.announce(actor, at);
            case RAISE_OBJECTION -> p.raiseObjection(actor, why, at);
            case DISMISS_OBJECTIONS -> p.dismissObjections(actor, why, at);
            case UPHOLD_OBJECTION -> p.upholdObjection(actor, why, at);
            case CLOSE_ANNOUNCEMENT -> {
                UUID next = UUID.randomUUID();
                reservations.add(next);
                p.closeAnnouncement(actor, next, at);
            }
            case CITY_APPROVE -> {
                UUID next = UUID.randomUUID();
                reservations.add(next);
                p.cityApprove(actor, next, at);
            }
            case REJECT -> p.reject(actor, why, at);
            case RECORD_FUNDS_RESERVED -> p.recordFundsReserved(actor, reservation, at);
            case RECORD_BUDGET_REFUSAL ->
                p.recordBudgetRefusal(
                        actor,
                        reservation,
                        new BudgetRefusal("LIMIT_EXCEEDED", "year:2026", BigDecimal.ZERO, amount, WHY, at),
                        at);
            case RECORD_PAYMENT ->
                p.recordPayment(
                        actor,
                        reservation,
                        random.nextBoolean()
                                ? amount
                                : p.approvedAmount() == null
                                        ? amount
                                        : p.approvedAmount().subtract(p.paid()),
                        at);
            case CLEAR_PAYMENT -> p.clearPayment(actor, PAYMENTS.get(random.nextInt(2)), reservation, at);
            case RECORD_PAYMENT_FAILURE ->
                p.recordPaymentFailure(actor, PAYMENTS.get(random.nextInt(2)), reservation, WHY, at);
            case CLOSE -> p.close(actor, why, at);
            case WITHDRAW -> p.withdraw(actor, why, at);
            case CLAW_BACK -> p.clawBack(actor, random.nextBoolean() ? amount : p.paid(), why, at);
        }
    }
}
