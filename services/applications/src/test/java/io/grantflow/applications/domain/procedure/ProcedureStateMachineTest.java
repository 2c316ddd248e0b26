package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.ProcedureState.*;
import static io.grantflow.applications.domain.procedure.Run.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The state machine as a whole: which state may follow which, and that nothing else can happen. */
class ProcedureStateMachineTest {
    /** The procedure of issue 10, restated: the table in ProcedureCommand must give exactly this. */
    private static final Map<ProcedureState, Set<ProcedureState>> ALLOWED = new EnumMap<>(Map.ofEntries(
            Map.entry(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN)),
            Map.entry(SCREENING, EnumSet.of(OFFERED, INELIGIBLE, WITHDRAWN)),
            Map.entry(OFFERED, EnumSet.of(IN_ANNOUNCEMENT, OFFER_DECLINED, WITHDRAWN)),
            Map.entry(OFFER_DECLINED, EnumSet.noneOf(ProcedureState.class)),
            Map.entry(SUBMITTED, EnumSet.of(ELIGIBLE, INELIGIBLE, WITHDRAWN)),
            Map.entry(INELIGIBLE, EnumSet.noneOf(ProcedureState.class)),
            Map.entry(ELIGIBLE, EnumSet.of(UNDER_REVIEW, WITHDRAWN)),
            Map.entry(
                    UNDER_REVIEW,
                    // itself: the facts as corrected, evaluated again (补正)
                    EnumSet.of(
                            UNDER_REVIEW,
                            CORRECTION_REQUESTED,
                            RECOMMENDED,
                            AWAITING_CONFIRMATION,
                            REJECTED,
                            WITHDRAWN)),
            Map.entry(CORRECTION_REQUESTED, EnumSet.of(UNDER_REVIEW, WITHDRAWN)),
            Map.entry(AWAITING_CONFIRMATION, EnumSet.of(RECOMMENDED, UNDER_REVIEW, WITHDRAWN)),
            Map.entry(RECOMMENDED, EnumSet.of(IN_ANNOUNCEMENT, WITHDRAWN)),
            Map.entry(IN_ANNOUNCEMENT, EnumSet.of(OBJECTION_RAISED, AWAITING_CITY_APPROVAL, APPROVED, WITHDRAWN)),
            Map.entry(
                    OBJECTION_RAISED, EnumSet.of(OBJECTION_RAISED, IN_ANNOUNCEMENT, UNDER_REVIEW, REJECTED, WITHDRAWN)),
            Map.entry(AWAITING_CITY_APPROVAL, EnumSet.of(APPROVED, REJECTED, WITHDRAWN)),
            Map.entry(APPROVED, EnumSet.of(APPROVED, UNDER_REVIEW, PARTLY_PAID, PAID, WITHDRAWN)),
            Map.entry(PARTLY_PAID, EnumSet.of(PARTLY_PAID, PAID, CLOSED, CLAWED_BACK)),
            Map.entry(PAID, EnumSet.of(CLOSED, CLAWED_BACK)),
            Map.entry(CLOSED, EnumSet.of(CLAWED_BACK)),
            Map.entry(WITHDRAWN, EnumSet.noneOf(ProcedureState.class)),
            Map.entry(REJECTED, EnumSet.noneOf(ProcedureState.class)),
            Map.entry(CLAWED_BACK, EnumSet.noneOf(ProcedureState.class))));

    /** Each command given by the actor it belongs to, with plausible content. */
    private static final Map<ProcedureCommand, Consumer<Run>> COMMANDS = new EnumMap<>(ProcedureCommand.class);

    static {
        COMMANDS.put(ProcedureCommand.SUBMIT, r -> r.p.submit(ENTERPRISE, r.tick()));
        COMMANDS.put(
                ProcedureCommand.RECORD_EVALUATION,
                r -> r.p.recordEvaluation(ELIGIBILITY, eligible(CEILING), r.tick()));
        COMMANDS.put(
                ProcedureCommand.RECORD_SCREENING, r -> r.p.recordScreening(ELIGIBILITY, eligible(AMOUNT), r.tick()));
        COMMANDS.put(
                ProcedureCommand.RECORD_REEVALUATION,
                r -> r.p.recordReevaluation(ELIGIBILITY, eligible(AMOUNT), r.tick()));
        COMMANDS.put(ProcedureCommand.CONFIRM_OFFER, r -> r.p.confirmOffer(ENTERPRISE, r.tick()));
        COMMANDS.put(ProcedureCommand.DECLINE_OFFER, r -> r.p.declineOffer(ENTERPRISE, null, r.tick()));
        COMMANDS.put(ProcedureCommand.WITHDRAW_OFFER, r -> r.p.withdrawOffer(REVIEWER, WHY, r.tick()));
        COMMANDS.put(ProcedureCommand.CLAIM, r -> r.p.claim(REVIEWER, r.tick()));
        COMMANDS.put(ProcedureCommand.REQUEST_CORRECTION, r -> r.p.requestCorrection(REVIEWER, ITEMS, r.tick()));
        COMMANDS.put(
                ProcedureCommand.RESUBMIT, r -> r.p.resubmit(ENTERPRISE, 1, Set.of("edge_purchase_cost"), r.tick()));
        COMMANDS.put(ProcedureCommand.RECOMMEND, r -> r.p.recommend(REVIEWER, AMOUNT, WHY, null, r.tick()));
        COMMANDS.put(ProcedureCommand.CONFIRM, r -> r.p.confirm(SECOND, r.tick()));
        COMMANDS.put(ProcedureCommand.DECLINE_CONFIRMATION, r -> r.p.declineConfirmation(SECOND, WHY, r.tick()));
        COMMANDS.put(ProcedureCommand.ANNOUNCE, r -> r.p.announce(REVIEWER, r.tick()));
        COMMANDS.put(ProcedureCommand.RAISE_OBJECTION, r -> r.p.raiseObjection(OTHER_ENTERPRISE, WHY, r.tick()));
        COMMANDS.put(ProcedureCommand.DISMISS_OBJECTIONS, r -> r.p.dismissObjections(REVIEWER, WHY, r.tick()));
        COMMANDS.put(ProcedureCommand.UPHOLD_OBJECTION, r -> r.p.upholdObjection(REVIEWER, WHY, r.tick()));
        COMMANDS.put(
                ProcedureCommand.CLOSE_ANNOUNCEMENT,
                r -> r.p.closeAnnouncement(SCHEDULER, UUID.randomUUID(), r.now = r.now.plusSeconds(365L * 86_400)));
        COMMANDS.put(ProcedureCommand.CITY_APPROVE, r -> r.p.cityApprove(CITY, UUID.randomUUID(), r.tick()));
        COMMANDS.put(ProcedureCommand.REJECT, r -> r.p.reject(REVIEWER, WHY, r.tick()));
        COMMANDS.put(
                ProcedureCommand.RECORD_FUNDS_RESERVED, r -> r.p.recordFundsReserved(BUDGET, r.reservation, r.tick()));
        COMMANDS.put(
                ProcedureCommand.RECORD_BUDGET_REFUSAL,
                r -> r.p.recordBudgetRefusal(
                        BUDGET,
                        r.reservation,
                        new BudgetRefusal("LIMIT_EXCEEDED", "year:2026", BigDecimal.ZERO, AMOUNT, WHY, r.now),
                        r.tick()));
        COMMANDS.put(
                ProcedureCommand.RECORD_PAYMENT,
                r -> r.p.recordPayment(DISBURSEMENT, r.reservation, new BigDecimal("1.00"), r.tick()));
        COMMANDS.put(
                ProcedureCommand.CLEAR_PAYMENT,
                r -> r.p.clearPayment(DISBURSEMENT, UUID.randomUUID(), r.reservation, r.tick()));
        COMMANDS.put(
                ProcedureCommand.RECORD_PAYMENT_FAILURE,
                r -> r.p.recordPaymentFailure(DISBURSEMENT, UUID.randomUUID(), r.reservation, WHY, r.tick()));
        COMMANDS.put(ProcedureCommand.CLOSE, r -> r.p.close(REVIEWER, WHY, r.tick()));
        COMMANDS.put(ProcedureCommand.WITHDRAW, r -> r.p.withdraw(ENTERPRISE, null, r.tick()));
        COMMANDS.put(ProcedureCommand.CLAW_BACK, r -> r.p.clawBack(REVIEWER, new BigDecimal("1.00"), WHY, r.tick()));
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(ProcedureState.class)
    void eachStateMayMoveOnlyToTheStatesOfTheProcedure(ProcedureState from) {
        assertThat(from.next()).isEqualTo(ALLOWED.get(from));
        for (ProcedureState to : ProcedureState.values()) {
            assertThat(from.canMoveTo(to))
                    .as("%s -> %s", from, to)
                    .isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @Test
    void theFinalStatesAreIneligibleWithdrawnRejectedAndClawedBack() {
        Set<ProcedureState> terminal = Arrays.stream(ProcedureState.values())
                .filter(ProcedureState::isTerminal)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProcedureState.class)));

        assertThat(terminal).containsExactlyInAnyOrder(INELIGIBLE, WITHDRAWN, REJECTED, CLAWED_BACK, OFFER_DECLINED);
    }

    @Test
    void everyStateCanBeReachedFromADraftAndNoStateIsADeadEnd() {
        Set<ProcedureState> reached = EnumSet.copyOf(reachableFrom(DRAFT));
        reached.addAll(reachableFrom(SCREENING));
        assertThat(reached).containsExactlyInAnyOrder(ProcedureState.values());
        for (ProcedureState s : ProcedureState.values()) {
            assertThat(reachableFrom(s).stream().anyMatch(ProcedureState::isTerminal))
                    .as(s.toString())
                    .isTrue();
        }
    }

    private static Set<ProcedureState> reachableFrom(ProcedureState start) {
        Set<ProcedureState> reached = EnumSet.of(start);
        Deque<ProcedureState> todo = new ArrayDeque<>(reached);
        while (!todo.isEmpty()) {
            for (ProcedureState next : todo.pop().next()) {
                if (reached.add(next)) {
                    todo.push(next);
                }
            }
        }
        return reached;
    }

    @Test
    void theEnterpriseMayWithdrawUntilMoneyWasPaidAndNeverAfter() {
        for (ProcedureState s : ProcedureState.values()) {
            // an offer not yet confirmed is declined, not withdrawn (nothing was applied for)
            boolean paidOrEnded = s.isTerminal() || s == PARTLY_PAID || s == PAID || s == CLOSED;
            boolean offer = s == SCREENING || s == OFFERED;
            assertThat(ProcedureCommand.WITHDRAW.acceptedIn(s)).as(s.toString()).isEqualTo(!paidOrEnded && !offer);
        }
    }

    @Test
    void theReviewClockRunsOnlyWhileTheDepartmentHasTheApplication() {
        Set<ProcedureState> running = Arrays.stream(ProcedureState.values())
                .filter(ProcedureState::reviewClockRuns)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProcedureState.class)));

        assertThat(running).containsExactlyInAnyOrder(ELIGIBLE, UNDER_REVIEW, AWAITING_CONFIRMATION);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProcedureState.class)
    void everyStateHasAChineseAndAnEnglishLabelAndACode(ProcedureState s) {
        assertThat(s.label().zh()).isNotBlank();
        assertThat(s.label().en()).isNotBlank();
        assertThat(s.code()).matches("[a-z_]+");
    }

    @Test
    void everyCommandButTheDraftHasAStateItIsAcceptedIn() {
        for (ProcedureCommand c : ProcedureCommand.values()) {
            assertThat(c.from().isEmpty())
                    .as(c.toString())
                    .isEqualTo(c == ProcedureCommand.CREATE_DRAFT || c == ProcedureCommand.CREATE_OFFER);
            assertThat(c.to()).as(c.toString()).isNotEmpty();
        }
        assertThat(COMMANDS.keySet())
                .containsAll(
                        EnumSet.complementOf(EnumSet.of(ProcedureCommand.CREATE_DRAFT, ProcedureCommand.CREATE_OFFER)));
    }

    /**
     * Every command in every state that does not accept it is refused with 409 material (the
     * state, the allowed next states and commands) and changes nothing, whoever gives it.
     */
    @ParameterizedTest(name = "in {0}")
    @EnumSource(ProcedureState.class)
    void aCommandTheStateDoesNotAcceptIsRefusedAndChangesNothing(ProcedureState state) {
        for (Map.Entry<ProcedureCommand, Consumer<Run>> command : COMMANDS.entrySet()) {
            if (command.getKey().acceptedIn(state)) {
                continue;
            }
            Run r = Run.at(state);
            Procedure.Snapshot before = r.p.snapshot();
            int events = r.p.pendingEvents().size();

            assertThatThrownBy(() -> command.getValue().accept(r))
                    .as("%s in %s", command.getKey(), state)
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProcedureException.Kind.CONFLICT);
                        assertThat(e.code()).isEqualTo("ILLEGAL_TRANSITION");
                        assertThat(e.current()).isEqualTo(state);
                        assertThat(e.command()).isEqualTo(command.getKey());
                        assertThat(e.allowedNext()).isEqualTo(ALLOWED.get(state));
                        assertThat(e.allowedCommands()).isEqualTo(state.commands());
                        assertThat(e.text().zh()).contains(state.label().zh());
                        assertThat(e.text().en()).contains(state.code());
                    });
            assertThat(r.p.snapshot()).isEqualTo(before);
            assertThat(r.p.pendingEvents()).hasSize(events);
        }
    }

    /** Driving to each state the ordinary way gives one event per transition, in version order, each within the table. */
    @ParameterizedTest(name = "to {0}")
    @EnumSource(ProcedureState.class)
    void eachTransitionGivesOneEventWithinTheTable(ProcedureState state) {
        Procedure p = Run.at(state).p;

        assertThat(p.pendingEvents()).hasSize((int) p.version());
        ProcedureState previous = null;
        long version = 0;
        for (ProcedureEvent e : p.pendingEvents()) {
            ProcedureEvent.Header h = e.header();
            assertThat(h.applicationId()).isEqualTo(p.id());
            assertThat(h.version()).isEqualTo(++version);
            assertThat(h.from()).isEqualTo(previous);
            assertThat(h.command().to()).contains(h.to());
            if (h.from() != null) {
                assertThat(h.command().acceptedIn(h.from())).isTrue();
            }
            previous = h.to();
        }
        assertThat(previous).isEqualTo(state);
    }
}
