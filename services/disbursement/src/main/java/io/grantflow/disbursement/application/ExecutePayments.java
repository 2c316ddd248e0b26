package io.grantflow.disbursement.application;

import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.disbursement.config.TreasuryConfig;
import io.grantflow.disbursement.domain.PaymentOrder;
import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.disbursement.domain.Settlement;
import io.grantflow.disbursement.domain.TreasuryResult;
import io.grantflow.disbursement.domain.payee.PayeeAccount;
import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.platform.lifecycle.Lifecycle;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.worker.RetryPolicy;
import io.grantflow.platform.worker.RowWorker;
import io.grantflow.platform.worker.WorkOutcome;
import io.grantflow.platform.worker.WorkerTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends instructed payment orders to the treasury and settles each on its answer, exactly once,
 * on the platform's row worker (ADR 0021): each payment is claimed for a lease (two instances
 * never take the same one, a crash only delays it), retried on its own with a doubling back-off,
 * and parked after {@code max-attempts} without an answer: held (TREASURY_NO_ANSWER) and listed
 * for operators, who send it again once the treasury is back.
 *
 * <p>Each attempt goes in three steps, so that no database lock is held while the treasury is
 * called and nothing is lost when the service stops in between: (1) in a transaction the payment
 * is marked sent; (2) outside any transaction the treasury is called: an order sent before (its
 * answer was lost) is first asked for its status, and submitted again, under the same key, only
 * if the treasury never got it; (3) in a transaction the answer is applied by {@link Settlement},
 * with its event through the outbox. An accepted order is asked again, without counting an
 * attempt, until it is confirmed or rejected.
 */
@ApplicationScoped
public class ExecutePayments {
    private static final Logger LOG = Logger.getLogger(ExecutePayments.class);
    public static final String WORKER = "payments";
    /** Why a payment the treasury never answered for is held: an operator sends it again, or finance settles it with the statement. */
    public static final String NO_ANSWER = "TREASURY_NO_ANSWER";
    /** Why a payment the treasury confirmed for more than ordered is held: nothing may post more than approved. */
    public static final String ABOVE_ORDER = "CONFIRMED_ABOVE_ORDER";
    /** Why a payment waits for its payee's account to be verified (ADR 0027); the verification instructs it again. */
    public static final String PAYEE_UNVERIFIED = "PAYEE_UNVERIFIED";
    /** The reference of a payment that recovery orders offset whole: no money moved, so no treasury reference. */
    public static final String OFFSET_REFERENCE = "OFFSET";

    private final Lifecycle lifecycle;
    private final TreasuryGateway treasury;
    private final Outbox outbox;
    private final TreasuryConfig config;
    private final RowWorker worker;
    private final Recoveries recoveries;

    public ExecutePayments(
            Recoveries recoveries,
            TreasuryGateway treasury,
            Outbox outbox,
            TreasuryConfig config,
            Lifecycle lifecycle,
            DataSource dataSource,
            MeterRegistry registry) {
        this.lifecycle = lifecycle;
        this.recoveries = recoveries;
        this.treasury = treasury;
        this.outbox = outbox;
        this.config = config;
        this.worker = new RowWorker(
                dataSource,
                new WorkerTable(
                        WORKER,
                        "payment",
                        "status IN ('INSTRUCTED', 'SENT')",
                        "status = status",
                        // parked: held for finance and operators to see; unparked: instructed again, and since it
                        // went out before, the next attempt asks the treasury before it sends anything
                        "status = 'HELD', hold_reason = '" + NO_ANSWER + "'",
                        "status = 'HELD' AND hold_reason = '" + NO_ANSWER + "'",
                        "status = 'INSTRUCTED', hold_reason = NULL"),
                new RetryPolicy(config.retryFirst(), config.retryMax(), config.maxAttempts(), config.retryWindow()),
                config.batchSize(),
                config.lease(),
                registry,
                this::attempt);
    }

    public RowWorker worker() {
        return worker;
    }

    /** A payment leased for one attempt: its order, whether it went out before, and its status then. */
    record Leased(UUID paymentId, PaymentOrder order, boolean sentBefore, PaymentStatus status) {}

    @Scheduled(
            every = "${grantflow.treasury.worker-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "payment-worker")
    void executeDue() {
        if (lifecycle.stopping()) {
            return;
        }
        try {
            worker.runOnce();
        } catch (SQLException | RuntimeException e) {
            // a round cut short by the stop leaves its payments claimed; the lease runs out and the next start asks
            if (!lifecycle.stopping()) {
                LOG.warnf("payment worker will retry: %s", e.toString());
            }
        }
    }

    /** One attempt at one payment, on the worker's thread. */
    private WorkOutcome attempt(RowWorker.Claim claim) throws Exception {
        Leased leased = await(() -> Panache.withTransaction(() -> markSent(claim.id())));
        if (leased == null) {
            return WorkOutcome.done(); // settled or cancelled meanwhile: nothing to send
        }
        TreasuryResult answer;
        try {
            answer = await(
                    () -> call(leased).ifNoItem().after(config.callTimeout()).fail());
        } catch (Exception e) {
            LOG.warnf(
                    "treasury did not answer for payment %s (order %s): %s",
                    leased.paymentId(), leased.order().orderKey(), e.toString());
            return WorkOutcome.retry("国库未答复 / no answer from the treasury: " + e);
        }
        PaymentStatus after = await(() -> Panache.withTransaction(() -> apply(leased.paymentId(), answer)));
        if (after == PaymentStatus.SENT) {
            return WorkOutcome.later(config.confirmationPoll());
        }
        if (after == PaymentStatus.INSTRUCTED) {
            return WorkOutcome.retry("国库未收到该支付令 / the treasury does not know the order: " + answer.outcome());
        }
        return WorkOutcome.done();
    }

    private static <T> T await(Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Step 1: the payment marked sent before it leaves; null if it is no longer open. The first
     * time it leaves, the applicant's recovery orders withhold what they are owed of it (ADR 0029):
     * the treasury is ordered the rest, and a payment the debts take whole is settled here, with
     * nothing to send.
     */
    private Uni<Leased> markSent(UUID id) {
        return Panache.getSession()
                .chain(s -> s.find(PaymentEntity.class, id, LockModeType.PESSIMISTIC_WRITE))
                .chain(p -> {
                    if (p == null) {
                        return Uni.createFrom().nullItem();
                    }
                    PaymentStatus status = PaymentStatus.valueOf(p.status);
                    if (status != PaymentStatus.INSTRUCTED && status != PaymentStatus.SENT) {
                        return Uni.createFrom().nullItem();
                    }
                    if (p.sentAt != null) {
                        return Uni.createFrom().item(new Leased(p.id, order(p), true, status));
                    }
                    p.sentAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return recoveries.withhold(p).chain(withheld -> {
                        if (p.net().signum() == 0) {
                            LOG.infof("payment %s offset whole against recovery orders: nothing to send", p.id);
                            return paid(p, OFFSET_REFERENCE, Money.ZERO).replaceWith((Leased) null);
                        }
                        return Uni.createFrom().item(new Leased(p.id, order(p), false, status));
                    });
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
     * answer to the payment under its row lock and returns its status after. A payment already
     * settled is left as it is, so a late or repeated confirmation changes nothing twice.
     */
    public Uni<PaymentStatus> apply(UUID paymentId, TreasuryResult answer) {
        return Panache.getSession()
                .chain(s -> s.find(PaymentEntity.class, paymentId, LockModeType.PESSIMISTIC_WRITE))
                .chain(payment -> {
                    if (payment == null) {
                        return Uni.createFrom().nullItem();
                    }
                    Settlement.Decision decision =
                            Settlement.decide(PaymentStatus.valueOf(payment.status), payment.net(), answer);
                    Uni<Void> applied;
                    switch (decision.kind()) {
                        case PAID:
                        case PARTLY_CONFIRMED:
                            applied = paid(payment, answer.reference(), decision.paidAmount());
                            break;
                        case HELD_ABOVE_ORDER:
                            payment.status = PaymentStatus.HELD.name();
                            payment.holdReason = ABOVE_ORDER;
                            payment.treasuryReference = answer.reference();
                            payment.confirmedAmount = answer.confirmedAmount();
                            LOG.errorf(
                                    "payment %s held: the treasury confirmed %s for an order of %s",
                                    payment.id, answer.confirmedAmount(), payment.amount);
                            applied = Uni.createFrom().voidItem();
                            break;
                        case SENT:
                            payment.status = PaymentStatus.SENT.name();
                            payment.treasuryReference = answer.reference();
                            applied = Uni.createFrom().voidItem();
                            break;
                        case FAILED:
                            applied = failed(payment, answer);
                            break;
                        default:
                            applied = Uni.createFrom().voidItem();
                    }
                    return applied.map(x -> PaymentStatus.valueOf(payment.status));
                });
    }

    /**
     * The payment paid: {@code confirmed} is what the treasury moved (the net, or part of it). The
     * event says what the award was paid: that and what the payment offset against the
     * applicant's debts; the budget posts it and releases the rest of the instalment.
     */
    private Uni<Void> paid(PaymentEntity payment, String reference, BigDecimal confirmed) {
        Instant now = Instant.now();
        payment.status = PaymentStatus.PAID.name();
        payment.settledAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        payment.treasuryReference = reference;
        payment.confirmedAmount = confirmed;
        return outbox.add(
                        new PaymentCompletedV1(
                                payment.id,
                                payment.applicationId,
                                payment.reservationId,
                                payment.beneficiaryId,
                                confirmed.add(payment.offsetAmount),
                                reference,
                                payment.origin,
                                now),
                        payment.applicationId.toString(),
                        new MessageContext(payment.correlationId, payment.causationId))
                .chain(() -> recoveries.offsetsPaid(payment, now))
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
                .chain(() -> recoveries.offsetsReleased(payment))
                .replaceWithVoid();
    }

    private static PaymentOrder order(PaymentEntity p) {
        PayeeAccount account = p.payeeAccountNumber == null
                ? null
                : new PayeeAccount(p.payeeBankName, p.payeeAccountName, p.payeeAccountNumber);
        return new PaymentOrder(p.orderKey, p.id, p.beneficiaryId, p.net(), account);
    }
}
