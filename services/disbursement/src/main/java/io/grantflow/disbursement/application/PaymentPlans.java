package io.grantflow.disbursement.application;

import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.disbursement.domain.plan.InstalmentCondition;
import io.grantflow.disbursement.domain.plan.MilestoneConfirmation;
import io.grantflow.disbursement.domain.plan.PaymentPlan;
import io.grantflow.disbursement.domain.plan.PlannedInstalment;
import io.grantflow.disbursement.persistence.PaymentPlanEntity;
import io.grantflow.disbursement.persistence.PlanInstalmentEntity;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.PoisonMessageException;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the payment plans (ADR 0024): a plan per reservation, made when it is reserved, exactly
 * as the budget holds it year by year; instalments the budget no longer holds, or of a withdrawn
 * application, wait with their reason. Turning an instalment into a payment is
 * {@link InstructPayment#orderInstalment}'s, under the application's lock.
 */
@ApplicationScoped
public class PaymentPlans {
    private static final Logger LOG = Logger.getLogger(PaymentPlans.class);
    /** Why an instalment waits: the budget released its reservation (voided, or after a failed payment). */
    public static final String RESERVATION_VOIDED = "RESERVATION_VOIDED";
    /** Why an instalment waits: its reservation expired before anything of it was paid. */
    public static final String RESERVATION_EXPIRED = "RESERVATION_EXPIRED";
    /** Why an instalment waits: its application was withdrawn. */
    public static final String APPLICATION_WITHDRAWN = "APPLICATION_WITHDRAWN";

    private final Clock clock;

    public PaymentPlans(Clock clock) {
        this.clock = clock;
    }

    /** A plan as recorded: its row, the domain plan and its instalments' rows in order. */
    public record Recorded(PaymentPlanEntity plan, PaymentPlan domain, List<PlanInstalmentEntity> instalments) {
        public PlanInstalmentEntity first() {
            return instalments.get(0);
        }
    }

    public static UUID planIdOf(UUID reservationId) {
        return UUID.nameUUIDFromBytes(("plan:" + reservationId).getBytes(StandardCharsets.UTF_8));
    }

    static UUID instalmentIdOf(UUID reservationId, int fiscalYear) {
        return UUID.nameUUIDFromBytes(
                ("plan-instalment:" + reservationId + ":" + fiscalYear).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The plan of a reservation, made the first time it is announced and read back after. A
     * reservation whose instalments break the plan's invariants is bad input (dead-lettered).
     */
    public Uni<Recorded> record(FundsReservedV1 reserved, MessageContext context) {
        PaymentPlan domain = planOf(reserved);
        UUID planId = planIdOf(reserved.reservationId());
        return PaymentPlanEntity.<PaymentPlanEntity>findById(planId).chain(existing -> {
            if (existing != null) {
                return PlanInstalmentEntity.<PlanInstalmentEntity>list("planId = ?1 order by seq", planId)
                        .map(rows -> new Recorded(existing, domain, rows));
            }
            PaymentPlanEntity plan = new PaymentPlanEntity();
            plan.id = planId;
            plan.reservationId = reserved.reservationId();
            plan.applicationId = reserved.applicationId();
            plan.programme = reserved.programme();
            plan.department = reserved.department();
            plan.beneficiaryId = reserved.beneficiaryId();
            plan.beneficiaryKind =
                    reserved.beneficiaryKind() == null ? Vocabulary.ENTERPRISE : reserved.beneficiaryKind();
            plan.origin = reserved.origin() == null ? FundsReservedV1.ORIGIN_APPLICATION : reserved.origin();
            plan.proposedBy = reserved.proposedBy();
            plan.approvedBy = reserved.approvedBy();
            plan.awardAmount = domain.award();
            plan.awardYear = reserved.fiscalYear();
            plan.correlationId = context.correlationId();
            plan.causationId = context.causationId();
            plan.createdAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            List<PlanInstalmentEntity> rows = new ArrayList<>();
            for (PlannedInstalment i : domain.instalments()) {
                PlanInstalmentEntity row = new PlanInstalmentEntity();
                row.id = instalmentIdOf(reserved.reservationId(), i.fiscalYear());
                row.planId = planId;
                row.seq = i.seq();
                row.fiscalYear = i.fiscalYear();
                row.amount = i.amount();
                row.dueDate = i.dueDate();
                row.condition = i.condition().name();
                row.state = PlanInstalmentEntity.SCHEDULED;
                rows.add(row);
            }
            return plan.persist()
                    .chain(() -> PlanInstalmentEntity.persist(rows))
                    .map(x -> new Recorded(plan, domain, rows));
        });
    }

    /** The domain plan of a reservation, from its instalments as the event carries them. */
    PaymentPlan planOf(FundsReservedV1 reserved) {
        List<PaymentPlan.Part> parts = new ArrayList<>();
        if (reserved.instalments() != null) {
            for (InstalmentAmount a : reserved.instalments()) {
                if (a == null) {
                    throw new PoisonMessageException("reservation " + reserved.reservationId() + ": empty instalment");
                }
                parts.add(new PaymentPlan.Part(a.fiscalYear(), a.amount(), condition(reserved, a.condition())));
            }
        }
        Instant reservedAt = reserved.reservedAt() == null ? clock.instant() : reserved.reservedAt();
        LocalDate reservedOn = LocalDate.ofInstant(reservedAt, clock.getZone());
        try {
            return PaymentPlan.of(reserved.amount(), reserved.fiscalYear(), reservedOn, parts);
        } catch (PaymentPlan.InvalidPlanException | NullPointerException e) {
            throw new PoisonMessageException(
                    "reservation " + reserved.reservationId() + " cannot be paid by a plan: " + e.getMessage(), e);
        }
    }

    private static InstalmentCondition condition(FundsReservedV1 reserved, String text) {
        if (text == null) {
            return null;
        }
        try {
            return InstalmentCondition.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(
                    "reservation " + reserved.reservationId() + ": unknown instalment condition " + text);
        }
    }

    /** An instalment now paid by {@code paymentId} (whatever becomes of that payment). */
    static void ordered(PlanInstalmentEntity instalment, UUID paymentId, Clock clock) {
        instalment.state = PlanInstalmentEntity.ORDERED;
        instalment.paymentId = paymentId;
        instalment.orderedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The budget no longer holds the reservation: its instalments still scheduled wait, with the reason. */
    public Uni<Void> released(UUID reservationId, String reason) {
        return PlanInstalmentEntity.update(
                        "state = ?1, waitReason = ?2, waitingSince = ?3 where planId = ?4 and state = ?5",
                        PlanInstalmentEntity.WAITING,
                        reason,
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                        planIdOf(reservationId),
                        PlanInstalmentEntity.SCHEDULED)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.warnf("%d instalments of reservation %s wait: %s", n, reservationId, reason);
                    }
                })
                .replaceWithVoid();
    }

    /** A withdrawn application: its instalments still scheduled wait (they will not be paid). */
    public Uni<Void> withdrawn(UUID applicationId) {
        return PaymentPlanEntity.<PaymentPlanEntity>list("applicationId", applicationId)
                .chain(plans -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (PaymentPlanEntity p : plans) {
                        all = all.chain(() -> released(p.reservationId, APPLICATION_WITHDRAWN));
                    }
                    return all;
                });
    }

    /**
     * A department confirms an instalment's milestone with its evidence (ADR 0024): recorded once;
     * the plan job pays it from its due date. The same confirmation again changes nothing. The
     * caller's department must be the plan's (another department's plan does not exist for it).
     */
    public Uni<Void> confirmMilestone(UUID planId, int fiscalYear, String department, MilestoneConfirmation proposed) {
        return Panache.withTransaction(() -> PaymentPlanEntity.<PaymentPlanEntity>findById(planId)
                .chain(plan -> {
                    if (plan == null || !department.equals(plan.department)) {
                        return Uni.createFrom()
                                .failure(ProblemException.notFound("拨付计划", "payment plan", planId.toString()));
                    }
                    return Panache.getSession()
                            .chain(s -> s.find(
                                    PlanInstalmentEntity.class,
                                    instalmentIdOf(plan.reservationId, fiscalYear),
                                    LockModeType.PESSIMISTIC_WRITE))
                            .chain(inst -> {
                                if (inst == null) {
                                    return Uni.createFrom()
                                            .failure(ProblemException.notFound(
                                                    "分期", "instalment", planId + "/" + fiscalYear));
                                }
                                MilestoneConfirmation recorded = inst.confirmedAt == null
                                        ? null
                                        : new MilestoneConfirmation(inst.evidence, inst.evidenceRef, inst.confirmedBy);
                                MilestoneConfirmation.Refusal refusal = MilestoneConfirmation.check(
                                        InstalmentCondition.valueOf(inst.condition),
                                        recorded,
                                        PlanInstalmentEntity.SCHEDULED.equals(inst.state),
                                        proposed);
                                if (refusal != null) {
                                    return Uni.createFrom().failure(refused(refusal));
                                }
                                if (recorded == null) {
                                    inst.evidence = proposed.evidence();
                                    inst.evidenceRef = proposed.evidenceRef();
                                    inst.confirmedBy = proposed.confirmedBy();
                                    inst.confirmedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
                                    LOG.infof(
                                            "milestone of instalment %d of plan %s confirmed by %s",
                                            fiscalYear, planId, proposed.confirmedBy());
                                }
                                return Uni.createFrom().voidItem();
                            });
                }));
    }

    private static ProblemException refused(MilestoneConfirmation.Refusal refusal) {
        switch (refusal) {
            case NOT_A_MILESTONE:
                return ProblemException.conflict(
                        refusal.name(), "该分期没有须确认的里程碑", "this instalment has no milestone to confirm");
            case ALREADY_CONFIRMED:
                return ProblemException.conflict(
                        refusal.name(), "该里程碑已凭其他证据确认", "this milestone was confirmed before, with other evidence");
            default:
                return ProblemException.conflict(
                        refusal.name(),
                        "该分期已下达拨付或正在等待，不再确认",
                        "this instalment was ordered already or waits; it is not confirmed any more");
        }
    }

    public Clock clock() {
        return clock;
    }
}
