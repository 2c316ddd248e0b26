package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;

/**
 * One limit an award touches and the amount the policy allows on it, e.g. the programme cap
 * for this application. The budget checks every one itself; this only names them.
 */
public record LimitClaim(
        String kind,
        String key,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal limit) {
}
