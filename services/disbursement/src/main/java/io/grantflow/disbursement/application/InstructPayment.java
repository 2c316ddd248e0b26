package io.grantflow.disbursement.application;

import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.platform.messaging.MessageContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Turns a reservation into one payment instruction (a one-off payment plan). The payment id is
 * derived from the reservation id, and the reservation id is unique: one reservation, one payment.
 */
@ApplicationScoped
public class InstructPayment {

    public Uni<Void> instruct(FundsReservedV1 reserved, MessageContext context) {
        return PaymentEntity.count("reservationId", reserved.reservationId()).chain(count -> {
            if (count > 0) {
                return Uni.createFrom().voidItem();
            }
            PaymentEntity payment = new PaymentEntity();
            payment.id = paymentIdOf(reserved.reservationId());
            payment.reservationId = reserved.reservationId();
            payment.applicationId = reserved.applicationId();
            payment.beneficiaryId = reserved.beneficiaryId();
            payment.programme = reserved.programme();
            // a staged award pays its first instalment now; the later ones wait for their years' payment plans
            payment.amount = reserved.instalments() == null || reserved.instalments().isEmpty() ? reserved.amount()
                    : reserved.instalments().get(0).amount();
            payment.status = PaymentStatus.INSTRUCTED.name();
            payment.correlationId = context.correlationId();
            payment.causationId = context.causationId();
            payment.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            return payment.persist().replaceWithVoid();
        });
    }

    static UUID paymentIdOf(UUID reservationId) {
        return UUID.nameUUIDFromBytes(("payment:" + reservationId).getBytes(StandardCharsets.UTF_8));
    }
}
