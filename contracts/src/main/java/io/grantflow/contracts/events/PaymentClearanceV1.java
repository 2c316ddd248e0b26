package io.grantflow.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The applications service's answer to a {@link PaymentClearanceRequestedV1}: {@code cleared}
 * lets disbursement send the payment order (the application refuses a withdrawal from then on
 * until the payment is completed or fails); otherwise {@code code} and the messages say why, and
 * the payment is cancelled. {@code status} is the application's status when it answered.
 */
public record PaymentClearanceV1(
        UUID paymentId,
        UUID applicationId,
        UUID reservationId,
        boolean cleared,
        String status,
        String code,
        String messageZh,
        String messageEn,
        Instant decidedAt) {}
