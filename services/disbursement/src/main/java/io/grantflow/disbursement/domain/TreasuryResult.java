package io.grantflow.disbursement.domain;

/** What the treasury answered for one payment id. */
public record TreasuryResult(boolean paid, String reference, String failureCode, String messageZh, String messageEn) {}
