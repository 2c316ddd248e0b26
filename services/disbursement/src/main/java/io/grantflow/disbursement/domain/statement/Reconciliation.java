package io.grantflow.disbursement.domain.statement;

import io.grantflow.disbursement.domain.recovery.Recovery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Matches a statement's debit entries to the payments the treasury confirmed, by reference (the
 * order key we sent, or the treasury's reference) and amount, and lists every mismatch for
 * finance. It only reads: a mismatch never changes a posted amount by itself.
 *
 * <ul>
 *   <li>{@code MISSING}: a payment confirmed within the statement's period has no entry;
 *   <li>{@code UNKNOWN}: a debit entry matches no payment;
 *   <li>{@code AMOUNT_DIFFERS}: the one entry of a payment books another amount than confirmed;
 *   <li>{@code PAID_TWICE}: a payment has two or more entries.
 * </ul>
 *
 * <ul>
 *   <li>{@code UNMATCHED_CREDIT}: a credit entry (money coming in) quotes a recovery reference
 *       that names no order; a credit quoting an order is its repayment, recorded at import
 *       (ADR 0029). Other credits (refunds, interest) are not payments and are left out, as before.
 *   <li>{@code OVERPAID_CREDIT}: a credit quoting an order brought more than the order was owed
 *       when it was imported: the surplus is the enterprise's, for finance to pay back.
 * </ul>
 */
public final class Reconciliation {
    private Reconciliation() {}

    /** A payment as the treasury confirmed it. */
    public record PaidOrder(
            UUID paymentId, UUID orderKey, String treasuryReference, BigDecimal amount, LocalDate paidOn) {}

    public enum Kind {
        MISSING,
        UNKNOWN,
        AMOUNT_DIFFERS,
        PAID_TWICE,
        UNMATCHED_CREDIT,
        OVERPAID_CREDIT
    }

    /** One mismatch; {@code lines} are the statement lines concerned (none for a missing entry). */
    public record Mismatch(
            Kind kind, UUID paymentId, String reference, BigDecimal expected, BigDecimal booked, List<Integer> lines) {}

    /**
     * @param paid the confirmed payments the entries may refer to and those confirmed within the
     *             statement's period (a payment confirmed outside it may still appear, booked late)
     */
    public static List<Mismatch> match(BankStatement statement, List<PaidOrder> paid) {
        return match(statement, paid, null);
    }

    /**
     * @param recoveryReferences the references of the recovery orders the credit entries quote;
     *                           null to leave every credit out
     */
    public static List<Mismatch> match(BankStatement statement, List<PaidOrder> paid, Set<String> recoveryReferences) {
        return match(statement, paid, recoveryReferences, null);
    }

    /**
     * @param repaid what each credit line quoting an order repaid of it (by line; a line that
     *               repaid nothing is absent); null to leave surpluses out
     */
    public static List<Mismatch> match(
            BankStatement statement,
            List<PaidOrder> paid,
            Set<String> recoveryReferences,
            Map<Integer, BigDecimal> repaid) {
        Map<String, PaidOrder> byReference = new HashMap<>();
        for (PaidOrder p : paid) {
            byReference.put(norm(p.orderKey().toString()), p);
            if (p.treasuryReference() != null) {
                byReference.put(norm(p.treasuryReference()), p);
            }
        }
        Map<UUID, List<StatementEntry>> entriesOf = new LinkedHashMap<>();
        List<Mismatch> out = new ArrayList<>();
        for (StatementEntry e : statement.entries()) {
            if (!e.debit()) {
                String quoted = Recovery.referenceIn(e.reference(), e.bankReference());
                if (recoveryReferences != null && quoted != null && !recoveryReferences.contains(quoted)) {
                    out.add(new Mismatch(
                            Kind.UNMATCHED_CREDIT, null, e.reference(), null, e.amount(), List.of(e.line())));
                } else if (repaid != null && quoted != null) {
                    BigDecimal applied = repaid.getOrDefault(e.line(), BigDecimal.ZERO.setScale(2));
                    if (applied.compareTo(e.amount()) < 0) {
                        out.add(new Mismatch(
                                Kind.OVERPAID_CREDIT, null, quoted, applied, e.amount(), List.of(e.line())));
                    }
                }
                continue;
            }
            PaidOrder p = e.reference() == null ? null : byReference.get(norm(e.reference()));
            if (p == null && e.bankReference() != null) {
                p = byReference.get(norm(e.bankReference()));
            }
            if (p == null) {
                out.add(new Mismatch(Kind.UNKNOWN, null, e.reference(), null, e.amount(), List.of(e.line())));
            } else {
                entriesOf.computeIfAbsent(p.paymentId(), k -> new ArrayList<>()).add(e);
            }
        }
        for (PaidOrder p : paid) {
            List<StatementEntry> entries = entriesOf.getOrDefault(p.paymentId(), List.of());
            String reference = p.orderKey().toString();
            if (entries.isEmpty()) {
                boolean inPeriod =
                        !p.paidOn().isBefore(statement.from()) && !p.paidOn().isAfter(statement.to());
                if (inPeriod) {
                    out.add(new Mismatch(Kind.MISSING, p.paymentId(), reference, p.amount(), null, List.of()));
                }
            } else if (entries.size() > 1) {
                BigDecimal booked =
                        entries.stream().map(StatementEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                out.add(new Mismatch(Kind.PAID_TWICE, p.paymentId(), reference, p.amount(), booked, lines(entries)));
            } else if (entries.get(0).amount().compareTo(p.amount()) != 0) {
                out.add(new Mismatch(
                        Kind.AMOUNT_DIFFERS,
                        p.paymentId(),
                        reference,
                        p.amount(),
                        entries.get(0).amount(),
                        lines(entries)));
            }
        }
        // entries in the statement's order; missing ones after them
        out.sort(Comparator.comparing((Mismatch m) ->
                m.lines().isEmpty() ? Integer.MAX_VALUE : m.lines().get(0)));
        return out;
    }

    private static List<Integer> lines(List<StatementEntry> entries) {
        return entries.stream().map(StatementEntry::line).toList();
    }

    private static String norm(String reference) {
        return reference.trim().toUpperCase(Locale.ROOT);
    }
}
