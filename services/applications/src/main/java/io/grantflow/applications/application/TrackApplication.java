package io.grantflow.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.audit.AuditTrail;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.applications.application.profile.PayeeSnapshots;
import io.grantflow.applications.application.profile.PayeeWaits;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.applications.domain.procedure.BudgetRefusal;
import io.grantflow.applications.domain.procedure.Evaluation;
import io.grantflow.applications.domain.procedure.IllegalTransitionException;
import io.grantflow.applications.domain.procedure.OverrideKind;
import io.grantflow.applications.domain.procedure.ProcedureCommand;
import io.grantflow.applications.domain.procedure.ProcedureException;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.domain.procedure.ProgrammeFlag;
import io.grantflow.applications.domain.procedure.Reservation;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.ApplicationHistoryEntity;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.OverrideAllowance;
import io.grantflow.contracts.events.PaymentClearanceRequestedV1;
import io.grantflow.contracts.events.PaymentClearanceV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.contracts.events.RecoveryOrderedV1;
import io.grantflow.contracts.events.ReservationRefusedV1;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.grantflow.platform.messaging.PoisonMessageException;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.text.Bilingual;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves an application along as the other services report: evaluation, reservation, payment.
 * Runs inside the inbox's transaction. An event for an unknown application, or one the procedure
 * refuses, can never apply: it is poison and goes to the dead-letter topic. The one exception is
 * the budget's late answer for an application the enterprise withdrew meanwhile: the withdrawal
 * already asked for the void, so the answer is recorded and changes nothing.
 */
@ApplicationScoped
public class TrackApplication {
    private static final Logger LOG = Logger.getLogger(TrackApplication.class);
    /** States in which a late budget answer is expected and ignored: the application was withdrawn meanwhile. */
    private static final Set<ProcedureState> SETTLED = EnumSet.of(ProcedureState.WITHDRAWN, ProcedureState.REJECTED);
    /**
     * States in which the budget's confirmation of a reservation is late and ignored: a payment
     * (on another topic) came first and proved the reservation already.
     */
    private static final Set<ProcedureState> PAID_ALREADY = EnumSet.of(
            ProcedureState.PARTLY_PAID, ProcedureState.PAID, ProcedureState.CLOSED, ProcedureState.CLAWED_BACK);

    /** The code of a refused clearance. */
    static final String NOT_PAYABLE = "NOT_PAYABLE";

    private final RunProcedure procedures;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final PayeeSnapshots payees;
    private final PayeeWaits waits;

    public TrackApplication(
            RunProcedure procedures,
            AuditTrail audit,
            ObjectMapper json,
            Outbox outbox,
            PayeeSnapshots payees,
            PayeeWaits waits) {
        this.payees = payees;
        this.waits = waits;
        this.procedures = procedures;
        this.audit = audit;
        this.json = json;
        this.outbox = outbox;
    }

    public Uni<Void> evaluated(ApplicationEvaluatedV1 e, MessageContext context) {
        List<Bilingual> reasons = e.reasons() == null
                ? List.of()
                : e.reasons().stream()
                        .map(r -> Bilingual.of(r.messageZh(), r.messageEn() == null ? r.messageZh() : r.messageEn()))
                        .toList();
        Set<ProgrammeFlag> flags;
        try {
            flags = ProgrammeFlag.parse(e.flags());
        } catch (IllegalArgumentException unknown) {
            return Uni.createFrom().failure(new PoisonMessageException("unknown programme flag in " + e.flags()));
        }
        Evaluation evaluation = new Evaluation(
                e.eligible(),
                e.ceiling(),
                e.department(),
                flags,
                e.catalogueVersion(),
                reasons,
                e.evaluatedAt(),
                overrides(e),
                e.revision());
        return apply(e.applicationId(), "eligibility", context, (p, file) -> {
            if (e.revision() > 0) {
                if (p.reevaluationAwaited() != e.revision()
                        || !ProcedureCommand.RECORD_REEVALUATION.acceptedIn(p.state())) {
                    // an answer to an earlier notice, one recorded already, or the file is closed (withdrawn)
                    throw new Settled(p.state());
                }
                p.recordReevaluation(Actor.system("eligibility"), evaluation, e.evaluatedAt());
            } else if (p.state() == ProcedureState.SCREENING) {
                // an offer made from a government record: the same evaluation screens it (ADR 0020)
                p.recordScreening(Actor.system("eligibility"), evaluation, e.evaluatedAt());
            } else {
                p.recordEvaluation(Actor.system("eligibility"), evaluation, e.evaluatedAt());
            }
            file.evaluationPlan(
                    Json.write(json, e.limits()),
                    e.staging() == null || e.staging().isEmpty() ? null : Json.write(json, e.staging()));
        });
    }

    public Uni<Void> reserved(FundsReservedV1 e, MessageContext context) {
        if (blockGrant(e.origin())) {
            return Uni.createFrom().voidItem();
        }
        return apply(e.applicationId(), "budget", context, (p, row) -> {
            // a payment, or its clearance, came first (another topic) and proved the reservation already
            if (PAID_ALREADY.contains(p.state())
                    || (p.reservation() != null
                            && p.reservation().id().equals(e.reservationId())
                            && p.reservation().status() == Reservation.Status.RESERVED)) {
                throw new Settled(p.state());
            }
            p.recordFundsReserved(Actor.system("budget"), e.reservationId(), e.reservedAt());
        });
    }

    public Uni<Void> refused(ReservationRefusedV1 e, MessageContext context) {
        BudgetRefusal refusal = new BudgetRefusal(
                e.code(),
                e.account(),
                e.headroom(),
                e.requested(),
                Bilingual.of(e.messageZh(), e.messageEn() == null ? e.messageZh() : e.messageEn()),
                e.refusedAt());
        return apply(
                e.applicationId(),
                "budget",
                context,
                (p, row) -> p.recordBudgetRefusal(Actor.system("budget"), e.reservationId(), refusal, e.refusedAt()));
    }

    public Uni<Void> paid(PaymentCompletedV1 e, MessageContext context) {
        if (blockGrant(e.origin())) {
            return Uni.createFrom().voidItem();
        }
        return apply(
                e.applicationId(),
                "disbursement",
                context,
                (p, row) -> p.recordPayment(Actor.system("disbursement"), e.reservationId(), e.amount(), e.paidAt()));
    }

    /**
     * Finance ordered money of the award recovered (ADR 0029): the application is clawed back,
     * with the order's reasons. It asks nothing of the budget: disbursement reverses what it
     * recovers. A further order on an application clawed back already is a history line and an
     * audit entry.
     */
    public Uni<Void> recoveryOrdered(RecoveryOrderedV1 e, MessageContext context) {
        Bilingual reasons = Bilingual.of(e.reasonsZh(), e.reasonsEn() == null ? e.reasonsZh() : e.reasonsEn());
        return ApplicationEntity.<ApplicationEntity>findById(e.applicationId()).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new PoisonMessageException("unknown application " + e.applicationId()));
            }
            if (!ProcedureState.CLAWED_BACK.name().equals(row.status)) {
                return apply(
                        e.applicationId(),
                        "disbursement",
                        context,
                        (p, file) -> p.recordRecoveryOrder(
                                Actor.system("disbursement"), e.amount(), reasons, e.orderedAt()));
            }
            String amount = e.reference() + " " + e.amount().toPlainString();
            return noteWithoutChange(
                    row,
                    "recovery_ordered",
                    Bilingual.of(amount + "：" + reasons.zh(), amount + ": " + reasons.en()),
                    e.orderedAt(),
                    "application.recovery-ordered",
                    context);
        });
    }

    /**
     * A payment that failed changes no state: the approval stands, while the budget releases the
     * reservation (nothing pays it again by itself; the notices say so). Before the first payment the
     * procedure records it (and a withdrawal is possible again); of a later instalment it is a
     * history line and an audit entry.
     */
    public Uni<Void> paymentFailed(PaymentFailedV1 e, MessageContext context) {
        if (blockGrant(e.origin())) {
            return Uni.createFrom().voidItem();
        }
        Bilingual reason = Bilingual.of(e.messageZh(), e.messageEn() == null ? e.messageZh() : e.messageEn());
        return ApplicationEntity.<ApplicationEntity>findById(e.applicationId()).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new PoisonMessageException("unknown application " + e.applicationId()));
            }
            if (ProcedureState.APPROVED.name().equals(row.status)) {
                return apply(
                        e.applicationId(),
                        "disbursement",
                        context,
                        (p, file) -> p.recordPaymentFailure(
                                Actor.system("disbursement"), e.paymentId(), e.reservationId(), reason, e.failedAt()));
            }
            return noteWithoutChange(
                    row, "payment_failed", reason, e.failedAt(), "application.payment-failed", context);
        });
    }

    /**
     * What disbursement tells of an application whose state it does not change: a history line
     * (from and to its state) and an audit entry, in the transaction that handles the message.
     */
    private Uni<Void> noteWithoutChange(
            ApplicationEntity row,
            String command,
            Bilingual note,
            Instant at,
            String auditAction,
            MessageContext context) {
        ApplicationHistoryEntity line = ApplicationHistoryEntity.note(
                row.id, row.status, command, "disbursement", note, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        String state = Json.write(json, Map.of("status", row.status));
        return audit.append(AuditContext.message("disbursement", context), auditAction, row.id.toString(), state, state)
                .chain(line::persist)
                .replaceWithVoid();
    }

    /**
     * The departures from the formula the catalogue allows. A kind this version does not know
     * allows nothing here (the stricter reading) rather than holding back the evaluation.
     */
    private static Set<OverrideKind> overrides(ApplicationEvaluatedV1 e) {
        Set<OverrideKind> kinds = EnumSet.noneOf(OverrideKind.class);
        if (e.overrides() != null) {
            for (OverrideAllowance o : e.overrides()) {
                try {
                    kinds.add(OverrideKind.valueOf(o.kind()));
                } catch (IllegalArgumentException | NullPointerException unknown) {
                    LOG.warnf("evaluation of %s names an override kind unknown here: %s", e.applicationId(), o.kind());
                }
            }
        }
        return kinds;
    }

    /**
     * Disbursement asks before it sends a payment order. Cleared: the procedure records the payment
     * under way (and refuses a withdrawal from then on) and its event carries the answer. Refused
     * (the application was withdrawn, sent back to review, or has another payment under way): the
     * answer alone, so that disbursement cancels the order; the application does not change. A
     * payment the procedure would clear while the applicant's profile has no bank account is not
     * cleared: it waits for the account (ADR 0027, {@link PayeeWaits}) and the application does not
     * change either, so that the enterprise may still withdraw.
     */
    public Uni<Void> clearanceRequested(PaymentClearanceRequestedV1 e, MessageContext context) {
        return ApplicationEntity.<ApplicationEntity>findById(e.applicationId()).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new PoisonMessageException("unknown application " + e.applicationId()));
            }
            // the applicant's lock before its profile is read: an account set meanwhile answers the wait
            return PayeeWaits.lock(row.applicantId)
                    .chain(() -> waits.hasAccount(row.applicantId))
                    .chain(account -> clear(e, row, account, context));
        });
    }

    /**
     * The applicant's profile has an account now (its create or change, in that transaction): the
     * requests that waited for it are answered as if they came now, cleared with the payee, or
     * refused when the application changed meanwhile (withdrawn, say).
     */
    public Uni<Void> payeeArrived(String applicantId) {
        return PayeeWaits.lock(applicantId)
                .chain(() -> waits.takeOpen(applicantId))
                .chain(open -> open.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Multi.createFrom()
                                .iterable(open)
                                .onItem()
                                .transformToUniAndConcatenate(w -> {
                                    LOG.infof(
                                            "payment %s of application %s: the applicant's account arrived, answered",
                                            w.paymentId, w.applicationId);
                                    return clearanceRequested(PayeeWaits.request(w), PayeeWaits.context(w));
                                })
                                .collect()
                                .last()
                                .replaceWithVoid());
    }

    private Uni<Void> clear(
            PaymentClearanceRequestedV1 e, ApplicationEntity row, boolean account, MessageContext context) {
        return procedures
                .runInTransaction(e.applicationId(), AuditContext.message("disbursement", context), (p, file) -> {
                    p.clearPayment(Actor.system("disbursement"), e.paymentId(), e.reservationId(), e.requestedAt());
                    if (!account) {
                        // the procedure would clear it; thrown before anything of the step is stored
                        throw new AwaitingPayee();
                    }
                })
                .replaceWithVoid()
                .onFailure(AwaitingPayee.class)
                .recoverWithUni(f -> waits.await(e, row, context))
                .onFailure(ProblemException.class)
                .transform(f -> new PoisonMessageException("unknown application " + e.applicationId()))
                .onFailure(ProcedureException.class)
                .recoverWithUni(f -> {
                    if (ProcedureState.PARTLY_PAID.name().equals(row.status)) {
                        // a later instalment: no withdrawal is left to order it against
                        return account ? answer(e, row, null, context) : waits.await(e, row, context);
                    }
                    LOG.infof(
                            "payment %s of application %s (%s) not cleared: %s",
                            e.paymentId(), e.applicationId(), row.status, f.getMessage());
                    return answer(e, row, ((ProcedureException) f).text(), context);
                });
    }

    /** The clearance answered outside a procedure step: cleared when {@code refusal} is null, else refused with it. */
    private Uni<Void> answer(
            PaymentClearanceRequestedV1 e, ApplicationEntity row, Bilingual refusal, MessageContext context) {
        Bilingual state = ProcedureState.valueOf(row.status).label();
        PaymentClearanceV1 clearance = new PaymentClearanceV1(
                e.paymentId(),
                e.applicationId(),
                e.reservationId(),
                refusal == null,
                row.status,
                refusal == null ? null : NOT_PAYABLE,
                refusal == null ? null : "申请当前状态为「" + state.zh() + "」，不予拨付：" + refusal.zh(),
                refusal == null ? null : "The application is " + state.en() + "; it is not paid: " + refusal.en(),
                Instant.now());
        return payees.fill(clearance, row.applicantId)
                .chain(filled -> outbox.add(filled, e.applicationId().toString(), context))
                .replaceWithVoid();
    }

    /** A district block grant's money: finance's, made without an application, none of this service's business. */
    private static boolean blockGrant(String origin) {
        return FundsReservedV1.ORIGIN_BLOCK_GRANT.equals(origin);
    }

    private Uni<Void> apply(UUID id, String service, MessageContext context, RunProcedure.Command command) {
        // the audit entry names the service that reported and the message it came in
        return procedures
                .runInTransaction(id, AuditContext.message(service, context), (p, row) -> {
                    if (SETTLED.contains(p.state()) && "budget".equals(service)) {
                        throw new Settled(p.state());
                    }
                    command.apply(p, row);
                })
                .replaceWithVoid()
                .onFailure(Settled.class)
                .recoverWithUni(f -> {
                    LOG.infof("application %s is %s: %s's answer changes nothing", id, ((Settled) f).state, service);
                    return Uni.createFrom().voidItem();
                })
                .onFailure(ProblemException.class)
                .transform(f -> new PoisonMessageException("unknown application " + id))
                .onFailure(ProcedureException.class)
                .transform(f -> new PoisonMessageException(
                        (f instanceof IllegalTransitionException ? "illegal transition: " : "refused: ")
                                + f.getMessage()));
    }

    /** The procedure would clear the payment, but the applicant has no account to pay yet. */
    private static final class AwaitingPayee extends RuntimeException {
        AwaitingPayee() {
            super(null, null, false, false);
        }
    }

    /** The application was settled before this answer came: nothing to do. */
    private static final class Settled extends RuntimeException {
        private final ProcedureState state;

        Settled(ProcedureState state) {
            super(null, null, false, false);
            this.state = state;
        }
    }
}
