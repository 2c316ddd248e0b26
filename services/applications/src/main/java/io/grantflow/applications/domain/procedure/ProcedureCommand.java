package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.ProcedureState.APPROVED;
import static io.grantflow.applications.domain.procedure.ProcedureState.AWAITING_CITY_APPROVAL;
import static io.grantflow.applications.domain.procedure.ProcedureState.AWAITING_CONFIRMATION;
import static io.grantflow.applications.domain.procedure.ProcedureState.CLAWED_BACK;
import static io.grantflow.applications.domain.procedure.ProcedureState.CLOSED;
import static io.grantflow.applications.domain.procedure.ProcedureState.CORRECTION_REQUESTED;
import static io.grantflow.applications.domain.procedure.ProcedureState.DRAFT;
import static io.grantflow.applications.domain.procedure.ProcedureState.ELIGIBLE;
import static io.grantflow.applications.domain.procedure.ProcedureState.INELIGIBLE;
import static io.grantflow.applications.domain.procedure.ProcedureState.IN_ANNOUNCEMENT;
import static io.grantflow.applications.domain.procedure.ProcedureState.OBJECTION_RAISED;
import static io.grantflow.applications.domain.procedure.ProcedureState.OFFERED;
import static io.grantflow.applications.domain.procedure.ProcedureState.OFFER_DECLINED;
import static io.grantflow.applications.domain.procedure.ProcedureState.PAID;
import static io.grantflow.applications.domain.procedure.ProcedureState.PARTLY_PAID;
import static io.grantflow.applications.domain.procedure.ProcedureState.RECOMMENDED;
import static io.grantflow.applications.domain.procedure.ProcedureState.REJECTED;
import static io.grantflow.applications.domain.procedure.ProcedureState.SCREENING;
import static io.grantflow.applications.domain.procedure.ProcedureState.SUBMITTED;
import static io.grantflow.applications.domain.procedure.ProcedureState.UNDER_REVIEW;
import static io.grantflow.applications.domain.procedure.ProcedureState.WITHDRAWN;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every command of the procedure with the states it is accepted in and the states it may lead
 * to: the one table of the state machine. {@link Procedure} refuses a command outside its
 * {@link #from()} states before anything else, and a test checks that each method only ever
 * lands in the command's {@link #to()} states.
 */
public enum ProcedureCommand {
    /** The enterprise starts a draft: the one command with no state before it. */
    CREATE_DRAFT(EnumSet.noneOf(ProcedureState.class), EnumSet.of(DRAFT)),
    /** 免申即享: an import of government records makes an offer, screened by eligibility like a submission (ADR 0020). */
    CREATE_OFFER(EnumSet.noneOf(ProcedureState.class), EnumSet.of(SCREENING)),
    /** The enterprise sends its draft (申报). */
    SUBMIT(EnumSet.of(DRAFT), EnumSet.of(SUBMITTED)),
    /** The eligibility service's answer: eligible with a ceiling (or none), or not. */
    RECORD_EVALUATION(EnumSet.of(SUBMITTED), EnumSet.of(ELIGIBLE, INELIGIBLE)),
    /** 免申即享: eligibility's answer for an offer: offered at the evaluated amount, or screened out. */
    RECORD_SCREENING(EnumSet.of(SCREENING), EnumSet.of(OFFERED, INELIGIBLE)),
    /** A reviewer of the programme's department takes the application (受理). */
    CLAIM(EnumSet.of(ELIGIBLE), EnumSet.of(UNDER_REVIEW)),
    /** The claimant sends one notice listing every item to correct (补正通知). */
    REQUEST_CORRECTION(EnumSet.of(UNDER_REVIEW), EnumSet.of(CORRECTION_REQUESTED)),
    /** The enterprise answers the notice, once. */
    RESUBMIT(EnumSet.of(CORRECTION_REQUESTED), EnumSet.of(UNDER_REVIEW)),
    /**
     * Eligibility evaluated the facts as corrected (补正): the ceiling follows them, the state
     * stays. (One that comes while a later notice is open counts for nothing: that notice's answer
     * is evaluated in its turn.)
     */
    RECORD_REEVALUATION(EnumSet.of(UNDER_REVIEW), EnumSet.of(UNDER_REVIEW)),
    /** The claimant proposes an amount with reasons; above the threshold (or without a ceiling) it waits for a second reviewer. */
    RECOMMEND(EnumSet.of(UNDER_REVIEW), EnumSet.of(RECOMMENDED, AWAITING_CONFIRMATION)),
    /** A second reviewer of the department confirms (four-eyes). */
    CONFIRM(EnumSet.of(AWAITING_CONFIRMATION), EnumSet.of(RECOMMENDED)),
    /** The second reviewer sends the recommendation back to the claimant. */
    DECLINE_CONFIRMATION(EnumSet.of(AWAITING_CONFIRMATION), EnumSet.of(UNDER_REVIEW)),
    /** 免申即享: the enterprise confirms the offer (意愿确认, with the credit commitment): straight to 公示. */
    CONFIRM_OFFER(EnumSet.of(OFFERED), EnumSet.of(IN_ANNOUNCEMENT)),
    /** 免申即享: the enterprise declines the offer. */
    DECLINE_OFFER(EnumSet.of(OFFERED), EnumSet.of(OFFER_DECLINED)),
    /** 免申即享: the department takes back an offer not yet confirmed (a record revoked or made in error). */
    WITHDRAW_OFFER(EnumSet.of(SCREENING, OFFERED), EnumSet.of(WITHDRAWN)),
    /** The proposed award goes to public announcement (公示). */
    ANNOUNCE(EnumSet.of(RECOMMENDED), EnumSet.of(IN_ANNOUNCEMENT)),
    /** Someone objects during the announcement: the money is held. */
    RAISE_OBJECTION(EnumSet.of(IN_ANNOUNCEMENT, OBJECTION_RAISED), EnumSet.of(OBJECTION_RAISED)),
    /** The department finds the objections unfounded: the announcement goes on. */
    DISMISS_OBJECTIONS(EnumSet.of(OBJECTION_RAISED), EnumSet.of(IN_ANNOUNCEMENT)),
    /** The department finds an objection founded: back to review for a new recommendation (and a new announcement). */
    UPHOLD_OBJECTION(EnumSet.of(OBJECTION_RAISED), EnumSet.of(UNDER_REVIEW)),
    /** The announcement's period is over (the scheduled job): to city approval where needed, else approved. */
    CLOSE_ANNOUNCEMENT(EnumSet.of(IN_ANNOUNCEMENT), EnumSet.of(AWAITING_CITY_APPROVAL, APPROVED)),
    /** The city government consents (经市政府同意). */
    CITY_APPROVE(EnumSet.of(AWAITING_CITY_APPROVAL), EnumSet.of(APPROVED)),
    /** Turned down with reasons: by the claimant, after an upheld objection, or by the city. */
    REJECT(EnumSet.of(UNDER_REVIEW, OBJECTION_RAISED, AWAITING_CITY_APPROVAL), EnumSet.of(REJECTED)),
    /** The budget reserved the approved amount. */
    RECORD_FUNDS_RESERVED(EnumSet.of(APPROVED), EnumSet.of(APPROVED)),
    /** The budget refused: back to the reviewer with the account that ran out and its headroom. */
    RECORD_BUDGET_REFUSAL(EnumSet.of(APPROVED), EnumSet.of(UNDER_REVIEW)),
    /**
     * Disbursement asks before it sends a payment order; once cleared the enterprise can no longer
     * withdraw (the application is where a withdrawal and a payment are put in one order). Only
     * before the first payment: once partly paid there is no withdrawal left to order against.
     */
    CLEAR_PAYMENT(EnumSet.of(APPROVED), EnumSet.of(APPROVED)),
    /** The treasury refused the payment under way: the approval stands, and a withdrawal is possible again. */
    RECORD_PAYMENT_FAILURE(EnumSet.of(APPROVED), EnumSet.of(APPROVED)),
    /** Disbursement paid (all, or an instalment). */
    RECORD_PAYMENT(EnumSet.of(APPROVED, PARTLY_PAID), EnumSet.of(PARTLY_PAID, PAID)),
    /** The file is closed (办结). */
    CLOSE(EnumSet.of(PAID, PARTLY_PAID), EnumSet.of(CLOSED)),
    /** The enterprise withdraws, any time before money was paid; a reservation is voided. */
    WITHDRAW(
            EnumSet.of(
                    DRAFT,
                    SUBMITTED,
                    ELIGIBLE,
                    UNDER_REVIEW,
                    CORRECTION_REQUESTED,
                    AWAITING_CONFIRMATION,
                    RECOMMENDED,
                    IN_ANNOUNCEMENT,
                    OBJECTION_RAISED,
                    AWAITING_CITY_APPROVAL,
                    APPROVED),
            EnumSet.of(WITHDRAWN)),
    /** Money paid is recovered (追回, after fraud or an audit finding). */
    CLAW_BACK(EnumSet.of(PAID, PARTLY_PAID, CLOSED), EnumSet.of(CLAWED_BACK));

    private final Set<ProcedureState> from;
    private final Set<ProcedureState> to;

    ProcedureCommand(Set<ProcedureState> from, Set<ProcedureState> to) {
        this.from = Collections.unmodifiableSet(from);
        this.to = Collections.unmodifiableSet(to);
    }

    /** The code an event or a history line carries: {@code request_correction}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The states the command is accepted in. */
    public Set<ProcedureState> from() {
        return from;
    }

    /** The states the command may lead to. */
    public Set<ProcedureState> to() {
        return to;
    }

    public boolean acceptedIn(ProcedureState state) {
        return from.contains(state);
    }

    static Set<ProcedureState> nextStates(ProcedureState state) {
        return Table.NEXT.get(state);
    }

    static Set<ProcedureCommand> accepted(ProcedureState state) {
        return Table.ACCEPTED.get(state);
    }

    /** Derived once, after both enums exist (a static field of either would see the other half-built). */
    private static final class Table {
        static final Map<ProcedureState, Set<ProcedureState>> NEXT = new EnumMap<>(ProcedureState.class);
        static final Map<ProcedureState, Set<ProcedureCommand>> ACCEPTED = new EnumMap<>(ProcedureState.class);

        static {
            for (ProcedureState s : ProcedureState.values()) {
                EnumSet<ProcedureState> next = EnumSet.noneOf(ProcedureState.class);
                EnumSet<ProcedureCommand> commands = EnumSet.noneOf(ProcedureCommand.class);
                for (ProcedureCommand c : ProcedureCommand.values()) {
                    if (c.from.contains(s)) {
                        next.addAll(c.to);
                        commands.add(c);
                    }
                }
                NEXT.put(s, Collections.unmodifiableSet(next));
                ACCEPTED.put(s, Collections.unmodifiableSet(commands));
            }
        }
    }
}
