package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The treasury refused a payment; the reservation stays until voided or retried. {@code origin}
 * is the reservation's ({@code APPLICATION} or {@code BLOCK_GRANT}; null means APPLICATION).
 */
public record PaymentFailedV1(
        UUID paymentId,
        UUID applicationId,
        UUID reservationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String code,
        String messageZh,
        String messageEn,
        String origin,
        Instant failedAt) {

    /** A failed payment of an application's award. */
    public PaymentFailedV1(
            UUID paymentId,
            UUID applicationId,
            UUID reservationId,
            BigDecimal amount,
            String code,
            String messageZh,
            String messageEn,
            Instant failedAt) {
        this(
                paymentId,
                applicationId,
                reservationId,
                amount,
                code,
                messageZh,
                messageEn,
                FundsReservedV1.ORIGIN_APPLICATION,
                failedAt);
    }
}
