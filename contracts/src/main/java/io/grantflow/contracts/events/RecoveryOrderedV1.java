package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Finance ordered money paid on an application recovered (追回, after fraud or an audit finding).
 * {@code basis} is FRAUD or AUDIT_FINDING; {@code reference} is what a repayment's bank transfer
 * must quote. The application is clawed back on it; the budget is reversed only as money is
 * recovered (RecoveryRecordedV1), never on the order.
 */
public record RecoveryOrderedV1(
        UUID recoveryId,
        String reference,
        UUID applicationId,
        UUID reservationId,
        String applicantId,
        String programme,
        String department,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String basis,
        String reasonsZh,
        String reasonsEn,
        String orderedBy,
        Instant orderedAt) {
    public static final String FRAUD = "FRAUD";
    public static final String AUDIT_FINDING = "AUDIT_FINDING";
}
