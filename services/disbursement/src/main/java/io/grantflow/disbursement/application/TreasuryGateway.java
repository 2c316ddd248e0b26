package io.grantflow.disbursement.application;

import io.grantflow.disbursement.domain.TreasuryResult;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The treasury (国库集中支付) as the disbursement service needs it. Every implementation must be
 * idempotent by payment id: asked twice, it pays once and answers the same.
 */
public interface TreasuryGateway {
    Uni<TreasuryResult> pay(UUID paymentId, String beneficiaryId, BigDecimal amount);
}
