package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Refusals.unprocessable;

import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;

/** The checks of what a command carries that several commands share: amounts and reasons (422). */
final class Inputs {
    private Inputs() {}

    /** A positive amount exact to the fen, in the platform's money scale. */
    static BigDecimal requireAmount(BigDecimal amount, String field) {
        if (amount == null) {
            throw unprocessable("AMOUNT_REQUIRED", field, "金额必填", "An amount is required");
        }
        if (amount.signum() <= 0) {
            throw unprocessable("AMOUNT_NOT_POSITIVE", field, "金额须大于零", "The amount must be positive");
        }
        try {
            return Money.exact(amount);
        } catch (Money.InvalidAmountException e) {
            throw unprocessable(
                    "AMOUNT_NOT_IN_FEN",
                    field,
                    "金额须精确到分且不超过 " + Bounds.MAX_AMOUNT + " 元：" + amount.toPlainString(),
                    "An amount is exact to the fen and at most " + Bounds.MAX_AMOUNT + ": " + amount.toPlainString());
        }
    }

    /** Reasons written in both languages, each within {@link Bounds#REASON}. */
    static Bilingual requireReasons(Bilingual text, String field) {
        if (text == null || text.zh().isBlank() || text.en().isBlank()) {
            throw unprocessable(
                    "REASONS_REQUIRED", field, "须写明理由（中文与英文）", "Reasons are required, in Chinese and English");
        }
        if (text.zh().length() > Bounds.REASON || text.en().length() > Bounds.REASON) {
            throw unprocessable(
                    "REASONS_TOO_LONG",
                    field,
                    "理由每种语言最多 " + Bounds.REASON + " 个字符",
                    "At most " + Bounds.REASON + " characters in each language");
        }
        return text;
    }

    /** A programming error rather than a refusal: the caller passes ids it already has. */
    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
