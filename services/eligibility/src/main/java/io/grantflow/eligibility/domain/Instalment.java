package io.grantflow.eligibility.domain;

import java.math.BigDecimal;

/** One instalment of a staged award: the fiscal year offset from the award and its amount. */
public record Instalment(int yearOffset, BigDecimal amount) {
}
