package io.grantflow.budget.application;

import io.grantflow.budget.domain.TransferStatus;
import io.grantflow.budget.persistence.Ledger;
import io.grantflow.budget.persistence.TransferEntity;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A failed payment returns its reservation to the budget, exactly once. */
@ApplicationScoped
public class VoidFunds {
    private final Ledger ledger;

    public VoidFunds(Ledger ledger) {
        this.ledger = ledger;
    }

    public Uni<Void> paymentFailed(PaymentFailedV1 failed, MessageContext context) {
        return TransferEntity.<TransferEntity>findById(failed.reservationId()).chain(transfer -> {
            if (transfer == null) {
                return Uni.createFrom().failure(new PoisonMessageException("unknown reservation " + failed.reservationId()));
            }
            TransferStatus status = TransferStatus.valueOf(transfer.status);
            if (status == TransferStatus.VOIDED) {
                return Uni.createFrom().voidItem();
            }
            if (status != TransferStatus.PENDING) {
                return Uni.createFrom().failure(new PoisonMessageException(
                        "reservation " + transfer.id + " is " + transfer.status + " and cannot be voided"));
            }
            transfer.status = TransferStatus.VOIDED.name();
            transfer.resolvedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return ledger.voidPending(transfer.id, transfer.accountId, transfer.amount);
        });
    }
}
