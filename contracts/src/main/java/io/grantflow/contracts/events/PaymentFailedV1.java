package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The treasury refused a payment; the reservation stays until voided or retried. */
public record PaymentFailedV1(
        UUID paymentId,
        UUID applicationId,
        UUID reservationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String code,
        String messageZh,
        String messageEn,
        Instant failedAt) {
}
