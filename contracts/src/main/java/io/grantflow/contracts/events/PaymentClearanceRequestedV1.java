package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Disbursement has a payment order ready for an application's award and asks the applications
 * service whether it may still be sent. The application is the one place where a withdrawal and
 * a payment are put in one order: it clears the payment (and from then on refuses a withdrawal)
 * or refuses it (withdrawn meanwhile, or sent back to review). Nothing is sent before the answer.
 */
public record PaymentClearanceRequestedV1(
        UUID paymentId,
        UUID applicationId,
        UUID reservationId,
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        Instant requestedAt) {}
