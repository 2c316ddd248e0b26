package io.grantflow.disbursement.application;

import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.FundsExpiredV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.FundsVoidedV1;
import io.grantflow.contracts.events.PaymentClearanceRequestedV1;
import io.grantflow.contracts.events.PaymentClearanceV1;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.disbursement.domain.PaymentOrder;
import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.disbursement.domain.Traceability;
import io.grantflow.disbursement.domain.payee.Payee;
import io.grantflow.disbursement.domain.plan.InstalmentCondition;
import io.grantflow.disbursement.domain.plan.PlannedInstalment;
import io.grantflow.disbursement.persistence.ApprovalEntity;
import io.grantflow.disbursement.persistence.PayeeEntity;
import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.disbursement.persistence.PaymentPlanEntity;
import io.grantflow.disbursement.persistence.PlanInstalmentEntity;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a reservation into a payment instruction, only when it traces back to an approval
 * (ADR 0013): an application's reservation must be the one its approval asked for, with the
 * approved amount, beneficiary, programme and department; a block grant must name two finance
 * officers. Until the approval is recorded (it travels on another topic) the payment waits; one
 * that matches none, or would pay an instalment of an application a second time, is held and
 * never paid. A reservation released before its payment was sent cancels it. An approval ends
 * when its application leaves the approved path: after a budget refusal the next approval of the
 * application (with its new reservation) is recorded instead; a withdrawal cancels what was not
 * sent yet and whatever reservation of it arrives later.
 *
 * <p>A payment of an application's award that traces back is not sent at once: it asks the
 * application for clearance (PaymentClearanceRequestedV1) and waits. The application puts the
 * request and a withdrawal in one order, so a payment is sent only if no withdrawal came first,
 * and once it is cleared the enterprise can no longer withdraw. A refusal cancels the payment.
 * A cleared payment is sent only to a verified account of its payee (ADR 0027), else held.
 */
@ApplicationScoped
public class InstructPayment {
    private static final Logger LOG = Logger.getLogger(InstructPayment.class);
    /** The payments that are live: at most one per instalment (and the database's unique index says so too). */
    private static final List<String> LIVE = List.of(
            PaymentStatus.AWAITING_APPROVAL.name(),
            PaymentStatus.AWAITING_CLEARANCE.name(),
            PaymentStatus.INSTRUCTED.name(),
            PaymentStatus.SENT.name(),
            PaymentStatus.PAID.name());
    /** The payments not sent yet (and, of the instructed, none ever sent), which a release or withdrawal cancels. */
    private static final List<String> UNSENT = List.of(
            PaymentStatus.AWAITING_APPROVAL.name(),
            PaymentStatus.AWAITING_CLEARANCE.name(),
            PaymentStatus.INSTRUCTED.name());

    private final Outbox outbox;
    private final PaymentPlans plans;
    private final Payees payees;

    public InstructPayment(Outbox outbox, PaymentPlans plans, Payees payees) {
        this.outbox = outbox;
        this.plans = plans;
        this.payees = payees;
    }

    public Uni<Void> instruct(FundsReservedV1 reserved, MessageContext context) {
        UUID paymentId = paymentIdOf(reserved.reservationId());
        return lock(reserved.applicationId())
                .chain(() -> plans.record(reserved, context))
                .chain(plan -> PaymentEntity.<PaymentEntity>findById(paymentId).chain(existing -> {
                    PlanInstalmentEntity first = plan.first();
                    if (existing != null
                            || !PlanInstalmentEntity.SCHEDULED.equals(first.state)
                            || !InstalmentCondition.NONE.name().equals(first.condition)) {
                        // announced before; or a first instalment with a condition, which the plan job orders
                        return Uni.createFrom().voidItem();
                    }
                    PaymentEntity payment = newPayment(paymentId, reserved, first.fiscalYear, first.amount, context);
                    PaymentPlans.ordered(first, paymentId, plans.clock());
                    return place(payment, funds(reserved));
                }));
    }

    /**
     * A later instalment of a plan (or a first one with a condition) whose condition is met,
     * ordered as a payment through the same procedure as the first: traced to its approval, the
     * application asked for clearance, then sent by the worker. Under the application's lock the
     * instalment is read again: one ordered meanwhile (by another instance of the job) is left as
     * it is, so each instalment has one payment. Returns whether it was ordered now.
     */
    public Uni<Boolean> orderInstalment(UUID instalmentId, LocalDate today) {
        // the plan first, unlocked, for the application whose lock comes before any row's (as in the consumers)
        return Panache.getSession()
                .chain(s -> s.createQuery("select planId from PlanInstalmentEntity where id = :id", UUID.class)
                        .setParameter("id", instalmentId)
                        .getSingleResultOrNull())
                .chain(planId -> planId == null
                        ? Uni.createFrom().nullItem()
                        : PaymentPlanEntity.<PaymentPlanEntity>findById(planId))
                .chain(plan -> plan == null
                        ? Uni.createFrom().item(false)
                        : lock(plan.applicationId)
                                .chain(() -> Panache.getSession()
                                        .chain(s -> s.find(
                                                PlanInstalmentEntity.class,
                                                instalmentId,
                                                LockModeType.PESSIMISTIC_WRITE)))
                                .chain(inst -> inst == null || !PlanInstalmentEntity.SCHEDULED.equals(inst.state)
                                        ? Uni.createFrom().item(false)
                                        : previousPaid(inst).chain(previousPaid -> {
                                            if (!planned(inst).payable(today, previousPaid, inst.confirmedAt != null)) {
                                                return Uni.createFrom().item(false);
                                            }
                                            return order(plan, inst);
                                        })));
    }

    private Uni<Boolean> order(PaymentPlanEntity plan, PlanInstalmentEntity inst) {
        UUID paymentId =
                inst.seq == 1 ? paymentIdOf(plan.reservationId) : paymentIdOf(plan.reservationId, inst.fiscalYear);
        return PaymentEntity.<PaymentEntity>findById(paymentId).chain(existing -> {
            PaymentPlans.ordered(inst, paymentId, plans.clock());
            if (existing != null) {
                return Uni.createFrom().item(true); // ordered before the plan knew (a reservation older than plans)
            }
            PaymentEntity payment = newPayment(paymentId, plan, inst);
            LOG.infof(
                    "instalment %d (%d) of reservation %s ordered as payment %s",
                    inst.seq, inst.fiscalYear, plan.reservationId, paymentId);
            return place(payment, funds(payment)).replaceWith(true);
        });
    }

    /** Whether the instalment before this one (none for the first) was paid. */
    private static Uni<Boolean> previousPaid(PlanInstalmentEntity inst) {
        if (inst.seq == 1) {
            return Uni.createFrom().item(true);
        }
        return PaymentEntity.count(
                        "id = (select paymentId from PlanInstalmentEntity where planId = ?1 and seq = ?2)"
                                + " and status = ?3",
                        inst.planId,
                        inst.seq - 1,
                        PaymentStatus.PAID.name())
                .map(n -> n > 0);
    }

    private static PlannedInstalment planned(PlanInstalmentEntity row) {
        return new PlannedInstalment(
                row.seq, row.fiscalYear, row.amount, row.dueDate, InstalmentCondition.valueOf(row.condition));
    }

    /**
     * A new payment placed as its approval allows: cancelled if its application was withdrawn,
     * held if it would pay an instalment a second time or traces back to no approval, waiting if
     * its approval has not arrived yet, else asked for clearance (or instructed).
     */
    private Uni<Void> place(PaymentEntity payment, Traceability.ReservedFunds funds) {
        return PaymentEntity.count(
                        "applicationId = ?1 and fiscalYear = ?2 and status in ?3",
                        payment.applicationId,
                        payment.fiscalYear,
                        LIVE)
                .chain(live -> ApprovalEntity.<ApprovalEntity>findById(payment.applicationId)
                        .chain(recorded -> {
                            // an approval that ended is none: a released one waits for the next
                            ApprovalEntity approval = recorded == null || !recorded.inForce() ? null : recorded;
                            if (recorded != null && ApprovalEntity.WITHDRAWN.equals(recorded.ended)) {
                                payment.status = PaymentStatus.CANCELLED.name();
                                LOG.infof(
                                        "payment %s for application %s cancelled: the application was withdrawn",
                                        payment.id, payment.applicationId);
                            } else if (live > 0) {
                                hold(payment, Traceability.HoldReason.ALREADY_PAID);
                            } else {
                                Traceability.HoldReason reason = Traceability.check(funds, record(approval));
                                if (reason == Traceability.HoldReason.NO_MATCHING_APPROVAL
                                        && approval == null
                                        && Traceability.waitsForApproval(funds)) {
                                    payment.status = PaymentStatus.AWAITING_APPROVAL.name();
                                } else if (reason != null) {
                                    hold(payment, reason);
                                } else {
                                    return traced(payment);
                                }
                            }
                            return payment.persist().replaceWithVoid();
                        }));
    }

    /** The commands that approve (with none: an approval of the first flow). */
    static final Set<String> APPROVING_COMMANDS = Set.of("close_announcement", "city_approve");

    /** An approval: APPROVED by an approving command (or of the first flow), naming its reservation and amount. */
    static boolean approves(ApplicationStatusChangedV1 change) {
        return "APPROVED".equals(change.status())
                && (change.command() == null || APPROVING_COMMANDS.contains(change.command()))
                && change.reservationId() != null
                && change.amount() != null;
    }

    /** The budget refused the approval's reservation: back to review (or, of the first flow, BUDGET_REFUSED). */
    static boolean releases(ApplicationStatusChangedV1 change) {
        return "record_budget_refusal".equals(change.command()) || "BUDGET_REFUSED".equals(change.status());
    }

    static boolean withdraws(ApplicationStatusChangedV1 change) {
        return "WITHDRAWN".equals(change.status());
    }

    /**
     * Follows the approvals: records one and lets the payments that waited for it go on, or holds
     * them; a budget refusal releases it (the application's next approval is recorded in its
     * place); a withdrawal withdraws it and cancels its payments not sent yet.
     */
    public Uni<Void> statusChanged(ApplicationStatusChangedV1 change, MessageContext context) {
        if (releases(change)) {
            return lock(change.applicationId()).chain(() -> end(change, ApprovalEntity.RELEASED));
        }
        if (withdraws(change)) {
            return lock(change.applicationId())
                    .chain(() -> end(change, ApprovalEntity.WITHDRAWN))
                    .chain(() -> cancelUnsent(change.applicationId()))
                    .chain(() -> plans.withdrawn(change.applicationId()));
        }
        if (!approves(change)) {
            return Uni.createFrom().voidItem();
        }
        return lock(change.applicationId())
                .chain(() -> ApprovalEntity.<ApprovalEntity>findById(change.applicationId()))
                .chain(existing -> {
                    if (existing != null && ApprovalEntity.WITHDRAWN.equals(existing.ended)) {
                        return Uni.createFrom().voidItem(); // a withdrawn application is not approved again
                    }
                    Uni<ApprovalEntity> stored;
                    if (existing != null && existing.inForce()) {
                        // recorded once: a redelivery, or a second approval while the first is in force, is not
                        // believed
                        stored = Uni.createFrom().item(existing);
                    } else {
                        // the first approval, or a new one after the budget refused the last: this one counts
                        ApprovalEntity a = existing != null ? existing : new ApprovalEntity();
                        a.applicationId = change.applicationId();
                        a.reservationId = change.reservationId();
                        a.applicantId = change.applicantId();
                        a.programme = change.programme();
                        a.department = change.department();
                        a.amount = change.amount();
                        a.approvedAt = OffsetDateTime.ofInstant(change.changedAt(), ZoneOffset.UTC);
                        a.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        a.ended = null;
                        a.endedAt = null;
                        stored = a.persist().replaceWith(a);
                    }
                    return stored.chain(approval -> PaymentEntity.<PaymentEntity>list(
                                    "applicationId = ?1 and status = ?2",
                                    change.applicationId(),
                                    PaymentStatus.AWAITING_APPROVAL.name())
                            .chain(waiting -> Multi.createFrom()
                                    .iterable(waiting)
                                    .onItem()
                                    .transformToUniAndConcatenate(p -> {
                                        Traceability.HoldReason reason = Traceability.check(funds(p), record(approval));
                                        if (reason == null) {
                                            return traced(p);
                                        }
                                        hold(p, reason);
                                        return Uni.createFrom().voidItem();
                                    })
                                    .collect()
                                    .asList()
                                    .replaceWithVoid()));
                });
    }

    /**
     * A payment that traces back: a block grant's is instructed (its two officers are its approval);
     * an application's asks the application for clearance first, in the same transaction.
     */
    private Uni<Void> traced(PaymentEntity payment) {
        if (!FundsReservedV1.ORIGIN_APPLICATION.equals(payment.origin)) {
            payment.status = PaymentStatus.INSTRUCTED.name();
            return payment.persist().replaceWithVoid();
        }
        payment.status = PaymentStatus.AWAITING_CLEARANCE.name();
        return payment.persist()
                .chain(() -> outbox.add(
                        new PaymentClearanceRequestedV1(
                                payment.id,
                                payment.applicationId,
                                payment.reservationId,
                                payment.fiscalYear,
                                payment.amount,
                                Instant.now()),
                        payment.applicationId.toString(),
                        new MessageContext(payment.correlationId, payment.causationId)))
                .replaceWithVoid();
    }

    /**
     * The application's answer: a cleared payment is instructed (sent by the worker), a refused
     * one cancelled. Only a payment still waiting for it changes: a redelivered or late answer, for
     * a payment cancelled meanwhile, changes nothing.
     */
    public Uni<Void> clearance(PaymentClearanceV1 answer, MessageContext context) {
        return lock(answer.applicationId())
                .chain(() -> PaymentEntity.<PaymentEntity>findById(answer.paymentId()))
                .chain(payment -> {
                    if (payment == null
                            || !PaymentStatus.AWAITING_CLEARANCE.name().equals(payment.status)) {
                        return Uni.createFrom().voidItem();
                    }
                    if (answer.cleared()) {
                        return payees.observe(payment.beneficiaryId, answer.payee())
                                .invoke(payee -> toPayee(payment, payee))
                                .replaceWithVoid();
                    } else {
                        payment.status = PaymentStatus.CANCELLED.name();
                        payment.failureCode = answer.code();
                        LOG.infof(
                                "payment %s for application %s cancelled: the application (%s) refused it",
                                payment.id, payment.applicationId, answer.status());
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * A cleared payment goes to its payee's verified account, or is held until a person verifies
     * it (ADR 0027). The applications service clears no payment of an applicant without an account
     * (it answers once the account is set); a cleared answer without a payee and none recorded
     * comes only from an older producer and is paid, as then, to the account the treasury holds.
     */
    private static void toPayee(PaymentEntity payment, PayeeEntity payee) {
        if (payee != null && !Payee.Status.VERIFIED.name().equals(payee.status)) {
            payment.status = PaymentStatus.HELD.name();
            payment.holdReason = ExecutePayments.PAYEE_UNVERIFIED;
            LOG.infof("payment %s for application %s held: its payee is unverified", payment.id, payment.applicationId);
            return;
        }
        payment.status = PaymentStatus.INSTRUCTED.name();
        if (payee != null) {
            payment.payeeBankName = payee.bankName;
            payment.payeeAccountName = payee.accountName;
            payment.payeeAccountNumber = payee.accountNumber;
        }
    }

    /** Ends the application's approval, if one was recorded and is in force. */
    private static Uni<Void> end(ApplicationStatusChangedV1 change, String how) {
        return ApprovalEntity.update(
                        "ended = ?1, endedAt = ?2 where applicationId = ?3 and ended is null",
                        how,
                        OffsetDateTime.ofInstant(change.changedAt(), ZoneOffset.UTC),
                        change.applicationId())
                .replaceWithVoid();
    }

    /** A withdrawn application: its payments not sent yet never will be. */
    private static Uni<Void> cancelUnsent(UUID applicationId) {
        return PaymentEntity.update(
                        "status = ?1 where applicationId = ?2 and status in ?3 and sentAt is null",
                        PaymentStatus.CANCELLED.name(),
                        applicationId,
                        UNSENT)
                .replaceWithVoid();
    }

    /** A released reservation: its payment, if not sent yet, will never be. */
    public Uni<Void> voided(FundsVoidedV1 voided, MessageContext context) {
        return cancel(voided.reservationId())
                .chain(() -> plans.released(voided.reservationId(), PaymentPlans.RESERVATION_VOIDED));
    }

    public Uni<Void> expired(FundsExpiredV1 expired, MessageContext context) {
        return cancel(expired.reservationId())
                .chain(() -> plans.released(expired.reservationId(), PaymentPlans.RESERVATION_EXPIRED));
    }

    /**
     * An application's approval and reservation travel on two topics and are handled concurrently:
     * each handler holds the application's lock, so that the second sees what the first committed
     * (else both could miss each other and the payment wait for ever).
     */
    static Uni<Void> lock(UUID applicationId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT pg_advisory_xact_lock(?1, ?2)")
                        .setParameter(1, (int) (applicationId.getMostSignificantBits() >>> 32))
                        .setParameter(2, (int) applicationId.getLeastSignificantBits())
                        .getSingleResult())
                .replaceWithVoid();
    }

    private Uni<Void> cancel(UUID reservationId) {
        return PaymentEntity.update(
                        "status = ?1 where reservationId = ?2 and status in ?3 and sentAt is null",
                        PaymentStatus.CANCELLED.name(),
                        reservationId,
                        UNSENT)
                .replaceWithVoid();
    }

    private static void hold(PaymentEntity payment, Traceability.HoldReason reason) {
        payment.status = PaymentStatus.HELD.name();
        payment.holdReason = reason.name();
        LOG.warnf("payment %s for application %s held: %s", payment.id, payment.applicationId, reason);
    }

    private static PaymentEntity newPayment(
            UUID id, FundsReservedV1 reserved, int year, BigDecimal amount, MessageContext context) {
        PaymentEntity payment = new PaymentEntity();
        payment.id = id;
        payment.reservationId = reserved.reservationId();
        payment.applicationId = reserved.applicationId();
        payment.beneficiaryId = reserved.beneficiaryId();
        payment.beneficiaryKind =
                reserved.beneficiaryKind() == null ? Vocabulary.ENTERPRISE : reserved.beneficiaryKind();
        payment.programme = reserved.programme();
        payment.department = reserved.department();
        payment.fiscalYear = year;
        payment.orderKey = PaymentOrder.keyOf(reserved.reservationId(), year);
        payment.origin = reserved.origin() == null ? FundsReservedV1.ORIGIN_APPLICATION : reserved.origin();
        payment.proposedBy = reserved.proposedBy();
        payment.approvedBy = reserved.approvedBy();
        payment.reservedAmount = reserved.amount();
        // the instalment of the plan: a staged award's first now, the later ones as their conditions are met
        payment.amount = amount;
        payment.correlationId = context.correlationId();
        payment.causationId = context.causationId();
        payment.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return payment;
    }

    /** The payment of a plan's instalment, like the first of its reservation but for this year and amount. */
    private static PaymentEntity newPayment(UUID id, PaymentPlanEntity plan, PlanInstalmentEntity inst) {
        PaymentEntity payment = new PaymentEntity();
        payment.id = id;
        payment.reservationId = plan.reservationId;
        payment.applicationId = plan.applicationId;
        payment.beneficiaryId = plan.beneficiaryId;
        payment.beneficiaryKind = plan.beneficiaryKind;
        payment.programme = plan.programme;
        payment.department = plan.department;
        payment.fiscalYear = inst.fiscalYear;
        payment.orderKey = PaymentOrder.keyOf(plan.reservationId, inst.fiscalYear);
        payment.origin = plan.origin;
        payment.proposedBy = plan.proposedBy;
        payment.approvedBy = plan.approvedBy;
        payment.reservedAmount = plan.awardAmount;
        payment.amount = inst.amount;
        payment.correlationId = plan.correlationId;
        payment.causationId = plan.causationId;
        payment.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return payment;
    }

    private static Traceability.ReservedFunds funds(FundsReservedV1 r) {
        return new Traceability.ReservedFunds(
                r.reservationId(),
                r.applicationId(),
                r.programme(),
                r.department(),
                r.beneficiaryId(),
                r.amount(),
                r.origin(),
                r.proposedBy(),
                r.approvedBy());
    }

    private static Traceability.ReservedFunds funds(PaymentEntity p) {
        return new Traceability.ReservedFunds(
                p.reservationId,
                p.applicationId,
                p.programme,
                p.department,
                p.beneficiaryId,
                p.reservedAmount == null ? p.amount : p.reservedAmount,
                p.origin,
                p.proposedBy,
                p.approvedBy);
    }

    private static Traceability.ApprovalRecord record(ApprovalEntity a) {
        return a == null
                ? null
                : new Traceability.ApprovalRecord(
                        a.applicationId, a.reservationId, a.applicantId, a.programme, a.department, a.amount);
    }

    static UUID paymentIdOf(UUID reservationId) {
        return UUID.nameUUIDFromBytes(("payment:" + reservationId).getBytes(StandardCharsets.UTF_8));
    }

    /** A later instalment's payment: one per reservation and fiscal year (the first keeps the id above). */
    static UUID paymentIdOf(UUID reservationId, int fiscalYear) {
        return UUID.nameUUIDFromBytes(("payment:" + reservationId + ":" + fiscalYear).getBytes(StandardCharsets.UTF_8));
    }
}
