package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The budget's refusal of a reservation (ReservationRefusedV1), kept for the reviewer it goes
 * back to: the code, the account that ran out, what was left on it and what was asked.
 */
public record BudgetRefusal(
        String code, String account, BigDecimal headroom, BigDecimal requested, Bilingual message, Instant refusedAt) {}
