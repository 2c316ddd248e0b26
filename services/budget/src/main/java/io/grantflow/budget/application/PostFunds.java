package io.grantflow.budget.application;

import io.grantflow.budget.domain.TransferStatus;
import io.grantflow.budget.persistence.Ledger;
import io.grantflow.budget.persistence.TransferEntity;
import io.grantflow.contracts.events.FundsPostedV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.grantflow.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A completed payment spends its reservation: pending becomes posted, exactly once. */
@ApplicationScoped
public class PostFunds {
    private final Ledger ledger;
    private final Outbox outbox;

    public PostFunds(Ledger ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    public Uni<Void> post(PaymentCompletedV1 payment, MessageContext context) {
        return TransferEntity.<TransferEntity>findById(payment.reservationId()).chain(transfer -> {
            if (transfer == null) {
                return Uni.createFrom().failure(new PoisonMessageException("unknown reservation " + payment.reservationId()));
            }
            if (TransferStatus.valueOf(transfer.status) == TransferStatus.POSTED) {
                return Uni.createFrom().voidItem();
            }
            if (TransferStatus.valueOf(transfer.status) != TransferStatus.PENDING) {
                return Uni.createFrom().failure(new PoisonMessageException(
                        "reservation " + transfer.id + " is " + transfer.status + " and cannot be posted"));
            }
            if (payment.amount().compareTo(transfer.amount) != 0) {
                return Uni.createFrom().failure(new PoisonMessageException("payment of " + payment.amount()
                        + " does not match reservation " + transfer.id + " of " + transfer.amount));
            }
            transfer.status = TransferStatus.POSTED.name();
            transfer.resolvedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return ledger.post(transfer.id, transfer.accountId, transfer.amount)
                    .chain(() -> outbox.add(new FundsPostedV1(transfer.id, transfer.applicationId, transfer.amount,
                            Instant.now()), transfer.applicationId.toString(), context))
                    .replaceWithVoid();
        });
    }
}
