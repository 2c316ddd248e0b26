package io.grantflow.disbursement.application;

import io.grantflow.disbursement.domain.PaymentOrder;
import io.grantflow.disbursement.domain.TreasuryResult;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * The treasury (国库集中支付) as the disbursement service needs it. Every implementation must be
 * idempotent by order key: an order submitted twice is executed once and answered the same. A
 * call that fails (a time-out, a lost connection) leaves it unknown whether the order arrived;
 * the caller then asks {@link #status} before it submits again.
 */
public interface TreasuryGateway {
    /** Sends the order; the answer may be a confirmation, an acceptance to confirm later, or a rejection. */
    Uni<TreasuryResult> submit(PaymentOrder order);

    /** What the treasury knows of an order: {@code UNKNOWN} when it never received it. */
    Uni<TreasuryResult> status(UUID orderKey);
}
