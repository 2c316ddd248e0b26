package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Numbers as facts and history carry them (BigDecimal, integers, decimal strings), read exactly. */
public final class Decimals {
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private Decimals() {}

    /** The value as a decimal, or null when it is none. Floating point is read through its text. */
    public static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof String s && DECIMAL.matcher(s).matches()) {
            return new BigDecimal(s);
        }
        return null;
    }

    /** A decimal string as the catalogue writes it ("0.30", "1000000.00"), or null. */
    public static BigDecimal parse(String text) {
        return text != null && DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    /** A value for a reader: numbers without trailing zeros, texts as they are. */
    public static String show(Object value) {
        if (value instanceof BigDecimal d) {
            return plain(d);
        }
        BigDecimal d = value instanceof String ? null : decimal(value);
        return d == null ? String.valueOf(value) : plain(d);
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
