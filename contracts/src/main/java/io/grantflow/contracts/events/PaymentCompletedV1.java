package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The treasury confirmed a payment to the beneficiary. */
public record PaymentCompletedV1(
        UUID paymentId,
        UUID applicationId,
        UUID reservationId,
        String beneficiaryId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String treasuryReference,
        Instant paidAt) {
}
