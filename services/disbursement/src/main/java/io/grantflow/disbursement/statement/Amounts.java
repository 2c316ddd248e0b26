package io.grantflow.disbursement.statement;

import io.grantflow.disbursement.domain.statement.StatementFormatException;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.validation.TextRules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The amounts, dates and texts of a statement file, read strictly: a value that is not exact is refused. */
final class Amounts {
    /** Up to 15 digits before the point and at most 2 after it: fen, never rounded. */
    private static final Pattern AMOUNT = Pattern.compile("^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$");

    static final int MAX_TEXT = 140;

    private Amounts() {}

    static BigDecimal amount(String text, String field) {
        String t = text == null ? "" : text.trim();
        if (!AMOUNT.matcher(t).matches() || new BigDecimal(t).signum() <= 0) {
            throw new StatementFormatException(
                    field,
                    "INVALID_AMOUNT",
                    "金额应为正数，最多两位小数：" + shown(t),
                    "The amount must be positive with at most two decimals: " + shown(t));
        }
        return new BigDecimal(t).setScale(2);
    }

    static LocalDate date(String text, String field) {
        String t = text == null ? "" : text.trim();
        try {
            // a date-time (camt FrDtTm) is read for its date
            return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
        } catch (DateTimeParseException e) {
            throw new StatementFormatException(
                    field, "INVALID_DATE", "日期格式应为 YYYY-MM-DD：" + shown(t), "The date must be YYYY-MM-DD: " + shown(t));
        }
    }

    /** An optional text: bounded, one line, no control or direction-override characters. */
    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = value.trim();
        Bilingual problem = TextRules.problem(t, MAX_TEXT, false);
        if (problem != null) {
            throw new StatementFormatException(field, "INVALID_TEXT", problem.zh(), problem.en());
        }
        return t;
    }

    static String currency(String value, String field) {
        String t = value == null || value.isBlank() ? "CNY" : value.trim();
        if (!"CNY".equals(t)) {
            throw new StatementFormatException(
                    field, "UNSUPPORTED_CURRENCY", "仅支持人民币（CNY）：" + shown(t), "Only CNY is supported: " + shown(t));
        }
        return t;
    }

    private static String shown(String t) {
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
