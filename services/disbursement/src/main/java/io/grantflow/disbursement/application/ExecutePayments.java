package io.grantflow.disbursement.application;

import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.disbursement.config.TreasuryConfig;
import io.grantflow.disbursement.domain.PaymentStatus;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Sends instructed payments to the treasury and records each answer with its event. Rows are
 * locked with SKIP LOCKED, so two instances never send the same payment at once; a crash after
 * the treasury answered re-sends the same payment id, which the gateway answers without paying again.
 */
@ApplicationScoped
public class ExecutePayments {
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

    @Scheduled(
            every = "${grantflow.treasury.worker-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "payment-worker")
    public Uni<Void> executeDue() {
        if (lifecycle.stopping()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery("""
                                SELECT id FROM payment WHERE status = 'INSTRUCTED'
                                 ORDER BY created_at LIMIT ?1 FOR UPDATE SKIP LOCKED""", UUID.class)
                                .setParameter(1, config.batchSize())
                                .getResultList())
                        .chain(this::executeAll))
                // a round cut short by the stop leaves its payments INSTRUCTED for the next start
                .onFailure(failure -> lifecycle.stopping())
                .recoverWithNull();
    }

    private Uni<Void> executeAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One after the other: a Hibernate Reactive session is not for concurrent use.
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(
                        id -> PaymentEntity.<PaymentEntity>findById(id).chain(this::execute))
                .collect()
                .asList()
                .replaceWithVoid();
    }

    private Uni<Void> execute(PaymentEntity payment) {
        return treasury.pay(payment.id, payment.beneficiaryId, payment.amount).chain(result -> settle(payment, result));
    }

    private Uni<Void> settle(PaymentEntity payment, TreasuryResult result) {
        Instant now = Instant.now();
        payment.settledAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        payment.treasuryReference = result.reference();
        MessageContext context = new MessageContext(payment.correlationId, payment.causationId);
        if (result.paid()) {
            payment.status = PaymentStatus.PAID.name();
            return outbox.add(
                            new PaymentCompletedV1(
                                    payment.id,
                                    payment.applicationId,
                                    payment.reservationId,
                                    payment.beneficiaryId,
                                    payment.amount,
                                    result.reference(),
                                    payment.origin,
                                    now),
                            payment.applicationId.toString(),
                            context)
                    .replaceWithVoid();
        }
        payment.status = PaymentStatus.FAILED.name();
        payment.failureCode = result.failureCode();
        return outbox.add(
                        new PaymentFailedV1(
                                payment.id,
                                payment.applicationId,
                                payment.reservationId,
                                payment.amount,
                                result.failureCode(),
                                result.messageZh(),
                                result.messageEn(),
                                payment.origin,
                                now),
                        payment.applicationId.toString(),
                        context)
                .replaceWithVoid();
    }
}
