package io.grantflow.contracts.commands;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.LimitClaim;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reserve an approved amount against the fiscal year's budget and every limit the award
 * touches. {@code reservationId} is the idempotency key: the same id with another body is
 * refused. {@code instalments} (optional) splits a staged award over fiscal years and must add
 * up to {@code amount}; {@code beneficiaryKind} (optional, default {@code enterprise}) is
 * {@code district} for a 拨改转 block grant, which the per-beneficiary ceilings do not cover.
 */
public record ReserveFundsV1(
        UUID reservationId,
        UUID applicationId,
        String programme,
        String department,
        String beneficiaryId,
        String beneficiaryKind,
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        List<InstalmentAmount> instalments,
        List<LimitClaim> limits,
        Instant requestedAt) {

    /** A one-off award of an enterprise, in one fiscal year. */
    public ReserveFundsV1(
            UUID reservationId,
            UUID applicationId,
            String programme,
            String department,
            String beneficiaryId,
            int fiscalYear,
            BigDecimal amount,
            List<LimitClaim> limits,
            Instant requestedAt) {
        this(
                reservationId,
                applicationId,
                programme,
                department,
                beneficiaryId,
                "enterprise",
                fiscalYear,
                amount,
                List.of(),
                limits,
                requestedAt);
    }
}
