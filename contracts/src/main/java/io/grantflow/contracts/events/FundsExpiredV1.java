package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A reservation was left unspent past its expiry: its pending amount is released. */
public record FundsExpiredV1(
        UUID reservationId,
        UUID applicationId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal released,
        Instant expiredAt) {}
