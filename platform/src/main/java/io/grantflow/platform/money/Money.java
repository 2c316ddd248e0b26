package io.grantflow.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Exact CNY amounts: BigDecimal with scale 2 (the fen). Input is parsed strictly (no more than
 * two decimals, no exponent, never negative unless allowed); computed awards round down.
 */
public final class Money {
    public static final int SCALE = 2;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    /** Largest amount the system accepts: 10^13 yuan, far above any budget. */
    public static final BigDecimal MAX = new BigDecimal("9999999999999.99");

    private Money() {}

    /** Normalises an exact amount to scale 2; refuses fractions of a fen and negatives. */
    public static BigDecimal exact(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new InvalidAmountException("negative amount: " + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw new InvalidAmountException("more precise than a fen: " + amount.toPlainString());
        }
        if (amount.compareTo(MAX) > 0) {
            throw new InvalidAmountException("amount too large: " + amount.toPlainString());
        }
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** Parses a decimal string such as {@code "1234.50"}; no exponent, no grouping. */
    public static BigDecimal parse(String text) {
        if (text == null || !text.matches("\\d{1,13}(\\.\\d{1,2})?")) {
            throw new InvalidAmountException("not an amount in yuan with at most two decimals: " + text);
        }
        return exact(new BigDecimal(text));
    }

    /** A computed award: rounded down to the fen, as the policy's money rule says. */
    public static BigDecimal roundDown(BigDecimal computed) {
        return computed.setScale(SCALE, RoundingMode.DOWN);
    }

    /** Text form for messages: plain, two decimals. */
    public static String format(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** An amount that is not an exact, non-negative number of fen. */
    public static final class InvalidAmountException extends IllegalArgumentException {
        public InvalidAmountException(String message) {
            super(message);
        }
    }
}
