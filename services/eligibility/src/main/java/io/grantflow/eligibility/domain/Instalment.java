package io.grantflow.eligibility.domain;

import io.grantflow.eligibility.domain.catalogue.StagePlan;
import java.math.BigDecimal;

/**
 * One instalment of a staged award: the fiscal year offset from the award, the share of the
 * award it pays (from the catalogue's staging plan), its amount for the ceiling and the
 * condition of its payment where the plan names one (else null).
 */
public record Instalment(int yearOffset, BigDecimal amount, BigDecimal share, StagePlan.Condition condition) {}
