package io.grantflow.eligibility.domain;

import java.math.BigDecimal;

/** A limit the budget must enforce for an award: its kind, the account key and the limit. */
public record BudgetLimit(String kind, String key, BigDecimal limit) {
}
