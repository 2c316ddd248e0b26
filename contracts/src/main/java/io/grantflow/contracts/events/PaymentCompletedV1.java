package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The treasury confirmed a payment to the beneficiary. {@code origin} is the reservation's
 * ({@code APPLICATION} or {@code BLOCK_GRANT}; null from older producers means APPLICATION).
 */
public record PaymentCompletedV1(
        UUID paymentId,
        UUID applicationId,
        UUID reservationId,
        String beneficiaryId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String treasuryReference,
        String origin,
        Instant paidAt) {

    /** A payment of an application's award. */
    public PaymentCompletedV1(
            UUID paymentId,
            UUID applicationId,
            UUID reservationId,
            String beneficiaryId,
            BigDecimal amount,
            String treasuryReference,
            Instant paidAt) {
        this(
                paymentId,
                applicationId,
                reservationId,
                beneficiaryId,
                amount,
                treasuryReference,
                FundsReservedV1.ORIGIN_APPLICATION,
                paidAt);
    }
}
