package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A reservation was refused: the account that would go over its limit and its headroom. */
public record ReservationRefusedV1(
        UUID reservationId,
        UUID applicationId,
        String code,
        String account,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal headroom,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal requested,
        String messageZh,
        String messageEn,
        Instant refusedAt) {}
