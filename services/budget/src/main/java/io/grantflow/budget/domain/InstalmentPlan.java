package io.grantflow.budget.domain;

/** One instalment requested: the fiscal year whose budget pays it and its amount in fen. */
public record InstalmentPlan(int fiscalYear, long amount) {}
