package io.grantflow.disbursement.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the treasury says of one order: confirmed (with the amount it actually paid), accepted and
 * not confirmed yet, rejected (with why), or unknown (it never received the order). A call that
 * times out has no result: whether the order arrived is not known, and the next attempt asks.
 */
public record TreasuryResult(
        Outcome outcome,
        String reference,
        BigDecimal confirmedAmount,
        String failureCode,
        String messageZh,
        String messageEn) {
    public enum Outcome {
        CONFIRMED,
        ACCEPTED,
        REJECTED,
        UNKNOWN
    }

    public TreasuryResult {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.CONFIRMED && (confirmedAmount == null || reference == null)) {
            throw new IllegalArgumentException("a confirmation names its amount and reference");
        }
        if (outcome == Outcome.REJECTED && failureCode == null) {
            throw new IllegalArgumentException("a rejection says why");
        }
    }

    public static TreasuryResult confirmed(String reference, BigDecimal amount) {
        return new TreasuryResult(Outcome.CONFIRMED, reference, amount, null, null, null);
    }

    public static TreasuryResult accepted(String reference) {
        return new TreasuryResult(Outcome.ACCEPTED, reference, null, null, null, null);
    }

    public static TreasuryResult rejected(String reference, String code, String zh, String en) {
        return new TreasuryResult(Outcome.REJECTED, reference, null, code, zh, en);
    }

    public static TreasuryResult unknown() {
        return new TreasuryResult(Outcome.UNKNOWN, null, null, null, null, null);
    }
}
