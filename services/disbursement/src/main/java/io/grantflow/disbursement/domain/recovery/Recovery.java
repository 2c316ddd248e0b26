package io.grantflow.disbursement.domain.recovery;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a recovery order (追回, ADR 0029), apart from where its numbers are kept: what may
 * be ordered, what is still owed, and how much of a payment to the applicant each open order
 * withholds. An order recovers money paid on one application; its outstanding part is withheld
 * from the applicant's later payments, oldest order first, each up to what the payment leaves,
 * and what no payment covers is owed until a repayment settles it.
 */
public final class Recovery {
    private static final Pattern REFERENCE = Pattern.compile("RCV-[0-9A-F]{12}");

    private Recovery() {}

    public enum Basis {
        FRAUD,
        AUDIT_FINDING
    }

    public enum Status {
        OUTSTANDING,
        SETTLED
    }

    public enum EntryKind {
        OFFSET,
        REPAYMENT
    }

    /** PENDING: withheld from a payment not confirmed yet; RELEASED: that payment failed. */
    public enum EntryState {
        PENDING,
        RECORDED,
        RELEASED
    }

    /** The reference a repayment's transfer quotes: short enough for any bank's remittance field. */
    public static String referenceOf(UUID id) {
        return "RCV-" + id.toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
    }

    /** The recovery reference a bank entry's texts quote (its remittance reference, then the bank's), or null. */
    public static String referenceIn(String... texts) {
        for (String text : texts) {
            if (text != null) {
                Matcher m = REFERENCE.matcher(text.toUpperCase(Locale.ROOT));
                if (m.find()) {
                    return m.group();
                }
            }
        }
        return null;
    }

    /** What may still be ordered on an application: what was paid on it less what earlier orders recover. */
    public static BigDecimal orderable(BigDecimal paid, BigDecimal orderedBefore) {
        BigDecimal left = paid.subtract(orderedBefore);
        return left.signum() < 0 ? BigDecimal.ZERO.setScale(2) : left.setScale(2);
    }

    /** What an order is still owed, not counting what a payment in flight withholds for it. */
    public static BigDecimal outstanding(BigDecimal amount, BigDecimal recovered, BigDecimal withheld) {
        return amount.subtract(recovered).subtract(withheld);
    }

    /**
     * How much of a payment each open order withholds, in the orders' order: each takes what it
     * is owed, up to what the payment still leaves; the list has one amount per order (zero for
     * one the payment no longer reaches).
     */
    public static List<BigDecimal> withhold(BigDecimal payment, List<BigDecimal> outstanding) {
        List<BigDecimal> out = new ArrayList<>();
        BigDecimal left = payment;
        for (BigDecimal owed : outstanding) {
            BigDecimal part = owed.signum() <= 0 ? BigDecimal.ZERO : owed.min(left);
            out.add(part.setScale(2));
            left = left.subtract(part);
        }
        return out;
    }

    /** What a repayment of {@code credited} settles of an order that is owed {@code owed}: never more. */
    public static BigDecimal repaid(BigDecimal credited, BigDecimal owed) {
        return owed.signum() <= 0
                ? BigDecimal.ZERO.setScale(2)
                : credited.min(owed).setScale(2);
    }
}
