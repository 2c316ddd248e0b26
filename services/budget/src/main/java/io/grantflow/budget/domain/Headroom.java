package io.grantflow.budget.domain;

import java.math.BigDecimal;

/** What an account can still take: limit − pending − posted. */
public record Headroom(String account, BigDecimal limit, BigDecimal pending, BigDecimal posted) {
    public BigDecimal available() {
        return limit.subtract(pending).subtract(posted);
    }

    public boolean allows(BigDecimal amount) {
        return available().compareTo(amount) >= 0;
    }
}
