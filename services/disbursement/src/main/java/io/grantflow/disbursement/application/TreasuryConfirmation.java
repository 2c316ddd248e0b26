package io.grantflow.disbursement.application;

import io.grantflow.disbursement.domain.TreasuryResult;
import java.util.UUID;

/**
 * A confirmation the treasury sends of its own accord, apart from the answer to an order or a
 * status query (the simulated treasury's {@code CONFIRM_TWICE} sends one after its answer). It is
 * applied as an answer is, under the payment's lock, so a repeated one changes nothing.
 */
public record TreasuryConfirmation(UUID paymentId, TreasuryResult result) {}
