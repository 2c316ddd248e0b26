package io.grantflow.disbursement.application;

import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.disbursement.config.TreasuryConfig;
import io.grantflow.disbursement.domain.PaymentOrder;
import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.disbursement.domain.Settlement;
import io.grantflow.disbursement.domain.TreasuryResult;
import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.platform.lifecycle.Lifecycle;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends instructed payment orders to the treasury and settles each on its answer, exactly once.
 *
 * <p>Each payment goes in three steps, so that no database lock is held while the treasury is
 * called and nothing is lost when the service stops in between: (1) in a transaction the payment
 * is leased to this worker and marked sent, with its attempt counted; (2) outside any transaction
 * the treasury is called: an order sent before (its answer was lost) is first asked for its
 * status, and submitted again, under the same key, only if the treasury never got it; (3) in a
 * transaction the answer is applied by {@link Settlement}, with its event through the outbox. A
 * call without an answer waits with a doubling back-off and is held for finance after
 * {@code max-attempts}. An accepted order is asked again until it is confirmed or rejected.
 */
@ApplicationScoped
public class ExecutePayments {
    private static final Logger LOG = Logger.getLogger(ExecutePayments.class);
    /** Why a payment the treasury never answered for is held: finance settles it with the treasury's statement. */
    public static final String NO_ANSWER = "TREASURY_NO_ANSWER";
    /** Why a payment the treasury confirmed for more than ordered is held: nothing may post more than approved. */
    public static final String ABOVE_ORDER = "CONFIRMED_ABOVE_ORDER";

    private final Lifecycle lifecycle;
    private final TreasuryGateway treasury;
    private final Outbox outbox;
    private final TreasuryConfig config;

    public ExecutePayments(TreasuryGateway treasury, Outbox outbox, TreasuryConfig config, Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.treasury = treasury;
        this.outbox = outbox;
        this.config = config;
    }

    /** A payment leased for one attempt: its order, whether it went out before, and its status then. */
    record Leased(UUID paymentId, PaymentOrder order, boolean sentBefore, PaymentStatus status) {}

    @Scheduled(
            every = "${grantflow.treasury.worker-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "payment-worker")
    public Uni<Void> executeDue() {
        if (lifecycle.stopping()) {
            return Uni.createFrom().voidItem();
        }
        return lease().chain(leased -> Multi.createFrom()
                        .iterable(leased)
                        .onItem()
                        // one after the other: a Hibernate Reactive session is not for concurrent use
                        .transformToUniAndConcatenate(this::attempt)
                        .collect()
                        .asList()
                        .replaceWithVoid())
                // a round cut short by the stop leaves its payments leased; the lease runs out and the next start asks
                .onFailure(failure -> lifecycle.stopping())
                .recoverWithNull();
    }

    /** Step 1: the due payments, leased to this worker and counted as an attempt, in one transaction. */
    private Uni<List<Leased>> lease() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                                SELECT id FROM payment
                                 WHERE status IN ('INSTRUCTED', 'SENT')
                                   AND coalesce(next_attempt_at, created_at) <= now()
                                   AND (lease_until IS NULL OR lease_until < now())
                                 ORDER BY coalesce(next_attempt_at, created_at) LIMIT ?1 FOR UPDATE SKIP LOCKED""", UUID.class)
                        .setParameter(1, config.batchSize())
                        .getResultList())
                .chain(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(id -> PaymentEntity.<PaymentEntity>findById(id)
                                .map(p -> {
                                    boolean sentBefore = p.sentAt != null;
                                    PaymentStatus status = PaymentStatus.valueOf(p.status);
                                    p.leaseUntil = now.plus(config.lease());
                                    if (p.sentAt == null) {
                                        p.sentAt = now;
                                    }
                                    if (status == PaymentStatus.INSTRUCTED) {
                                        p.attempts++;
                                    }
                                    return new Leased(p.id, order(p), sentBefore, status);
                                }))
                        .collect()
                        .asList()));
    }

    /** Steps 2 and 3 for one payment. */
    private Uni<Void> attempt(Leased leased) {
        return call(leased).onItemOrFailure().transformToUni((answer, failure) -> {
            if (failure != null) {
                LOG.warnf(
                        "treasury did not answer for payment %s (order %s): %s",
                        leased.paymentId(), leased.order().orderKey(), failure.toString());
            }
            return Panache.withTransaction(() -> apply(leased.paymentId(), answer, failure));
        });
    }

    /** Step 2: what the treasury says; an order that may have gone out is asked about before it is sent again. */
    private Uni<TreasuryResult> call(Leased leased) {
        if (leased.status() == PaymentStatus.SENT) {
            return treasury.status(leased.order().orderKey());
        }
        if (!leased.sentBefore()) {
            return treasury.submit(leased.order());
        }
        return treasury.status(leased.order().orderKey())
                .chain(known -> known.outcome() == TreasuryResult.Outcome.UNKNOWN
                        ? treasury.submit(leased.order())
                        : Uni.createFrom().item(known));
    }

    /**
     * Step 3, also the way in for a confirmation the treasury sends of its own accord: applies an
     * answer to the payment under its row lock. A payment already settled is left as it is, so a
     * late or repeated confirmation changes nothing twice.
     */
    public Uni<Void> apply(UUID paymentId, TreasuryResult answer, Throwable failure) {
        return Panache.getSession()
                .chain(s -> s.find(PaymentEntity.class, paymentId, LockModeType.PESSIMISTIC_WRITE))
                .chain(payment -> {
                    if (payment == null) {
                        return Uni.createFrom().voidItem();
                    }
                    payment.leaseUntil = null;
                    if (failure != null) {
                        return noAnswer(payment, failure);
                    }
                    Settlement.Decision decision =
                            Settlement.decide(PaymentStatus.valueOf(payment.status), payment.amount, answer);
                    payment.lastError = null;
                    switch (decision.kind()) {
                        case PAID:
                        case PARTLY_CONFIRMED:
                            return paid(payment, answer, decision);
                        case HELD_ABOVE_ORDER:
                            payment.status = PaymentStatus.HELD.name();
                            payment.holdReason = ABOVE_ORDER;
                            payment.treasuryReference = answer.reference();
                            payment.confirmedAmount = answer.confirmedAmount();
                            LOG.errorf(
                                    "payment %s held: the treasury confirmed %s for an order of %s",
                                    payment.id, answer.confirmedAmount(), payment.amount);
                            return Uni.createFrom().voidItem();
                        case SENT:
                            payment.status = PaymentStatus.SENT.name();
                            payment.treasuryReference = answer.reference();
                            payment.nextAttemptAt =
                                    OffsetDateTime.now(ZoneOffset.UTC).plus(config.confirmationPoll());
                            return Uni.createFrom().voidItem();
                        case FAILED:
                            return failed(payment, answer);
                        default:
                            return Uni.createFrom().voidItem();
                    }
                });
    }

    private Uni<Void> noAnswer(PaymentEntity payment, Throwable failure) {
        String error = String.valueOf(failure.getMessage());
        payment.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        if (payment.attempts >= config.maxAttempts()) {
            payment.status = PaymentStatus.HELD.name();
            payment.holdReason = NO_ANSWER;
            LOG.errorf("payment %s held after %d attempts without an answer", payment.id, payment.attempts);
            return Uni.createFrom().voidItem();
        }
        payment.nextAttemptAt = OffsetDateTime.now(ZoneOffset.UTC)
                .plus(Settlement.backoff(payment.attempts, config.retryFirst(), config.retryMax()));
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> paid(PaymentEntity payment, TreasuryResult answer, Settlement.Decision decision) {
        Instant now = Instant.now();
        payment.status = PaymentStatus.PAID.name();
        payment.settledAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        payment.treasuryReference = answer.reference();
        payment.confirmedAmount = decision.paidAmount();
        // the event says what was paid: the budget posts that and releases the rest of the instalment
        return outbox.add(
                        new PaymentCompletedV1(
                                payment.id,
                                payment.applicationId,
                                payment.reservationId,
                                payment.beneficiaryId,
                                decision.paidAmount(),
                                answer.reference(),
                                payment.origin,
                                now),
                        payment.applicationId.toString(),
                        new MessageContext(payment.correlationId, payment.causationId))
                .replaceWithVoid();
    }

    private Uni<Void> failed(PaymentEntity payment, TreasuryResult answer) {
        Instant now = Instant.now();
        payment.status = PaymentStatus.FAILED.name();
        payment.settledAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        payment.treasuryReference = answer.reference();
        payment.failureCode = answer.failureCode();
        return outbox.add(
                        new PaymentFailedV1(
                                payment.id,
                                payment.applicationId,
                                payment.reservationId,
                                payment.amount,
                                answer.failureCode(),
                                answer.messageZh(),
                                answer.messageEn(),
                                payment.origin,
                                now),
                        payment.applicationId.toString(),
                        new MessageContext(payment.correlationId, payment.causationId))
                .replaceWithVoid();
    }

    private static PaymentOrder order(PaymentEntity p) {
        return new PaymentOrder(p.orderKey, p.id, p.beneficiaryId, p.amount);
    }
}
