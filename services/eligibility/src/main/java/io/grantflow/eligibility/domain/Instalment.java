package io.grantflow.eligibility.domain;

import java.math.BigDecimal;

/**
 * One instalment of a staged award: the fiscal year offset from the award, the share of the
 * award it pays (from the catalogue's staging plan) and its amount for the ceiling.
 */
public record Instalment(int yearOffset, BigDecimal amount, BigDecimal share) {}
