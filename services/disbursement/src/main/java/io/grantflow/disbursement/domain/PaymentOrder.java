package io.grantflow.disbursement.domain;

import io.grantflow.disbursement.domain.payee.PayeeAccount;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A payment order (支付令) as the treasury receives it. {@code orderKey} is its idempotency key,
 * derived from the instalment it pays (reservation and fiscal year), so that whatever retries,
 * restarts or second instances send, one instalment is one order at the treasury. {@code account}
 * is the payee's verified account (ADR 0027); null when the applicant's profile gave none.
 */
public record PaymentOrder(
        UUID orderKey, UUID paymentId, String beneficiaryId, BigDecimal amount, PayeeAccount account) {
    public PaymentOrder {
        Objects.requireNonNull(orderKey, "orderKey");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(beneficiaryId, "beneficiaryId");
        if (amount == null || amount.signum() <= 0 || amount.scale() != 2) {
            throw new IllegalArgumentException("an order's amount is positive, in fen: " + amount);
        }
    }

    /** An order without an account: the treasury pays the beneficiary's account on its own record. */
    public PaymentOrder(UUID orderKey, UUID paymentId, String beneficiaryId, BigDecimal amount) {
        this(orderKey, paymentId, beneficiaryId, amount, null);
    }

    /** The order key of one instalment: the reservation's part of one fiscal year. */
    public static UUID keyOf(UUID reservationId, int fiscalYear) {
        return UUID.nameUUIDFromBytes(("order:" + reservationId + ":" + fiscalYear).getBytes(StandardCharsets.UTF_8));
    }
}
