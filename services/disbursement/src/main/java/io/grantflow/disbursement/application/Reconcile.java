package io.grantflow.disbursement.application;

import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.disbursement.domain.recovery.Recovery;
import io.grantflow.disbursement.domain.statement.BankStatement;
import io.grantflow.disbursement.domain.statement.Reconciliation;
import io.grantflow.disbursement.domain.statement.StatementEntry;
import io.grantflow.disbursement.persistence.BankStatementEntity;
import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.disbursement.persistence.RecoveryEntryEntity;
import io.grantflow.disbursement.persistence.StatementEntryEntity;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Keeps the bank statements finance imports and lists, per statement, every mismatch between its
 * entries and the payments the treasury confirmed. Reading only: a mismatch is for finance to
 * settle; it never changes a payment or a posted amount by itself.
 */
@ApplicationScoped
public class Reconcile {
    /** A statement as listed. */
    public record StatementRecord(
            UUID id,
            String format,
            String statementRef,
            String account,
            LocalDate from,
            LocalDate to,
            int entries,
            BigDecimal debitTotal,
            BigDecimal creditTotal,
            String sha256,
            String importedBy,
            OffsetDateTime importedAt) {
        static StatementRecord of(BankStatementEntity s) {
            return new StatementRecord(
                    s.id,
                    s.format,
                    s.statementRef,
                    s.account,
                    s.periodFrom,
                    s.periodTo,
                    s.entries,
                    s.debitTotal,
                    s.creditTotal,
                    s.sha256,
                    s.importedBy,
                    s.importedAt);
        }
    }

    /** The result of an import: the statement kept, and whether this file was new. */
    public record Imported(StatementRecord statement, boolean created) {}

    /** One mismatch as finance reads it, in both languages. */
    public record MismatchRecord(
            String kind,
            UUID paymentId,
            String reference,
            BigDecimal expected,
            BigDecimal booked,
            List<Integer> lines,
            String messageZh,
            String messageEn) {}

    /** A statement's mismatches and how many of each kind. */
    public record Mismatches(UUID statementId, Map<String, Integer> counts, List<MismatchRecord> items) {}

    private final Recoveries recoveries;

    public Reconcile(Recoveries recoveries) {
        this.recoveries = recoveries;
    }

    public Uni<Imported> importStatement(String body, String format, BankStatement statement, String importer) {
        String sha = sha256(body);
        return Panache.withTransaction(() -> BankStatementEntity.<BankStatementEntity>find("sha256", sha)
                        .firstResult()
                        .chain(existing -> existing != null
                                ? Uni.createFrom().item(new Imported(StatementRecord.of(existing), false))
                                : store(sha, format, statement, importer)))
                // the same file imported twice at once: the second finds the first
                .onFailure(Reconcile::sameFile)
                .recoverWithUni(() ->
                        Panache.withSession(() -> BankStatementEntity.<BankStatementEntity>find("sha256", sha)
                                .firstResult()
                                .map(s -> new Imported(StatementRecord.of(s), false))));
    }

    private Uni<Imported> store(String sha, String format, BankStatement statement, String importer) {
        BankStatementEntity s = new BankStatementEntity();
        s.id = UUID.randomUUID();
        s.sha256 = sha;
        s.format = format;
        s.statementRef = statement.statementId();
        s.account = statement.account();
        s.periodFrom = statement.from();
        s.periodTo = statement.to();
        s.entries = statement.entries().size();
        s.debitTotal = total(statement, true);
        s.creditTotal = total(statement, false);
        s.importedBy = importer;
        s.importedAt = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object> rows = new ArrayList<>();
        for (StatementEntry e : statement.entries()) {
            StatementEntryEntity row = new StatementEntryEntity();
            row.key = new StatementEntryEntity.Key(s.id, e.line());
            row.reference = e.reference();
            row.bankReference = e.bankReference();
            row.amount = e.amount();
            row.currency = e.currency();
            row.bookedOn = e.bookedOn();
            row.debit = e.debit();
            row.counterparty = e.counterparty();
            rows.add(row);
        }
        return s.persistAndFlush()
                .chain(() -> Panache.getSession().chain(session -> session.persistAll(rows.toArray())))
                .chain(() -> Panache.getSession().chain(session -> session.flush()))
                // credits quoting a recovery order repay it, in the import's transaction: a file is kept once, so
                // repays once
                .chain(() -> recoveries.repayments(s.id, statement.entries()))
                .replaceWith(new Imported(StatementRecord.of(s), true));
    }

    public Uni<Page<StatementRecord>> list(PageRequest page) {
        return Panache.withSession(() -> {
            var found = BankStatementEntity.<BankStatementEntity>findAll(
                    Sort.descending("importedAt").and("id"));
            return Pages.of(found, page, StatementRecord::of);
        });
    }

    public Uni<StatementRecord> get(UUID id) {
        return Panache.withSession(() -> load(id)).map(StatementRecord::of);
    }

    /** Every mismatch of the statement, computed now from its entries and the confirmed payments. */
    public Uni<Mismatches> mismatches(UUID id) {
        return Panache.withSession(() -> load(id).chain(s -> StatementEntryEntity.<StatementEntryEntity>find(
                        "key.statementId", Sort.ascending("key.line"), id)
                .list()
                .chain(rows -> {
                    BankStatement statement = new BankStatement(
                            s.statementRef,
                            s.account,
                            s.periodFrom,
                            s.periodTo,
                            rows.stream().map(Reconcile::entry).toList());
                    return paidOrders(statement)
                            .chain(paid -> recoveryReferences(statement)
                                    .chain(known -> repaidByLine(id).map(repaid -> {
                                        List<MismatchRecord> items =
                                                Reconciliation.match(statement, paid, known, repaid).stream()
                                                        .map(Reconcile::record)
                                                        .toList();
                                        Map<String, Integer> counts = new LinkedHashMap<>();
                                        for (Reconciliation.Kind k : Reconciliation.Kind.values()) {
                                            counts.put(k.name(), (int) items.stream()
                                                    .filter(m -> m.kind().equals(k.name()))
                                                    .count());
                                        }
                                        return new Mismatches(id, counts, items);
                                    })));
                })));
    }

    /** What each credit line of the statement repaid of the order it quotes (REPAYMENT entries, by line). */
    private static Uni<Map<Integer, BigDecimal>> repaidByLine(UUID statementId) {
        return RecoveryEntryEntity.<RecoveryEntryEntity>list(
                        "statementId = ?1 and kind = ?2", statementId, Recovery.EntryKind.REPAYMENT.name())
                .map(entries -> {
                    Map<Integer, BigDecimal> byLine = new HashMap<>();
                    for (RecoveryEntryEntity e : entries) {
                        byLine.merge(e.statementLine, e.amount, BigDecimal::add);
                    }
                    return byLine;
                });
    }

    /** The recovery orders the statement's credit entries quote. */
    private static Uni<Set<String>> recoveryReferences(BankStatement statement) {
        Set<String> quoted = new HashSet<>();
        for (StatementEntry e : statement.entries()) {
            String reference = e.debit() ? null : Recoveries.referenceIn(e);
            if (reference != null) {
                quoted.add(reference);
            }
        }
        return Recoveries.known(quoted);
    }

    /**
     * The confirmed payments the statement may show: those paid within its period (in the policy's
     * time zone) and those its entries name, wherever they were paid.
     */
    private static Uni<List<Reconciliation.PaidOrder>> paidOrders(BankStatement statement) {
        Set<String> references = new HashSet<>();
        for (StatementEntry e : statement.entries()) {
            if (e.reference() != null) {
                references.add(e.reference().toUpperCase(Locale.ROOT));
            }
            if (e.bankReference() != null) {
                references.add(e.bankReference().toUpperCase(Locale.ROOT));
            }
        }
        OffsetDateTime from =
                statement.from().atStartOfDay(Vocabulary.POLICY_ZONE).toOffsetDateTime();
        OffsetDateTime to =
                statement.to().plusDays(1).atStartOfDay(Vocabulary.POLICY_ZONE).toOffsetDateTime();
        return PaymentEntity.<PaymentEntity>list(
                        "status = ?1 and ((settledAt >= ?2 and settledAt < ?3)"
                                + " or upper(cast(orderKey as string)) in ?4 or upper(treasuryReference) in ?4)",
                        PaymentStatus.PAID.name(),
                        from,
                        to,
                        references.isEmpty() ? Set.of("-") : references)
                .map(payments -> payments.stream()
                        // a payment offset whole against recovery orders moved no money: no entry to expect
                        .filter(p -> p.confirmedAmount == null || p.confirmedAmount.signum() > 0)
                        .map(p -> new Reconciliation.PaidOrder(
                                p.id,
                                p.orderKey,
                                p.treasuryReference,
                                p.confirmedAmount != null ? p.confirmedAmount : p.amount,
                                p.settledAt
                                        .atZoneSameInstant(Vocabulary.POLICY_ZONE)
                                        .toLocalDate()))
                        .collect(Collectors.toList()));
    }

    private static Uni<BankStatementEntity> load(UUID id) {
        return BankStatementEntity.<BankStatementEntity>findById(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("对账单", "statement", id.toString());
            }
            return s;
        });
    }

    private static StatementEntry entry(StatementEntryEntity r) {
        return new StatementEntry(
                r.key.line, r.reference, r.bankReference, r.amount, r.currency, r.bookedOn, r.debit, r.counterparty);
    }

    private static MismatchRecord record(Reconciliation.Mismatch m) {
        String zh;
        String en;
        switch (m.kind()) {
            case MISSING:
                zh = "已确认拨付 " + m.expected().toPlainString() + " 元，对账单中无此笔";
                en = "Confirmed payment of " + m.expected().toPlainString() + " not in the statement";
                break;
            case UNKNOWN:
                zh = "对账单支出 " + m.booked().toPlainString() + " 元，无对应拨付";
                en = "Statement debit of " + m.booked().toPlainString() + " matches no payment";
                break;
            case UNMATCHED_CREDIT:
                zh = "对账单收入 " + m.booked().toPlainString() + " 元，所引用的追回编号不存在";
                en = "Statement credit of " + m.booked().toPlainString() + " quotes a recovery reference of no order";
                break;
            case OVERPAID_CREDIT:
                zh = "对账单收入 " + m.booked().toPlainString() + " 元，追回 " + m.reference() + " 仅尚欠 "
                        + m.expected().toPlainString() + " 元：多缴 "
                        + m.booked().subtract(m.expected()).toPlainString()
                        + " 元，须退还企业";
                en = "Statement credit of " + m.booked().toPlainString() + " for recovery " + m.reference()
                        + ", which was owed " + m.expected().toPlainString() + ": "
                        + m.booked().subtract(m.expected()).toPlainString() + " overpaid, to be refunded";
                break;
            case AMOUNT_DIFFERS:
                zh = "金额不符：确认 " + m.expected().toPlainString() + " 元，入账 "
                        + m.booked().toPlainString() + " 元";
                en = "Amounts differ: confirmed " + m.expected().toPlainString() + ", booked "
                        + m.booked().toPlainString();
                break;
            default:
                zh = "重复入账：" + m.lines().size() + " 笔合计 " + m.booked().toPlainString() + " 元，确认 "
                        + m.expected().toPlainString() + " 元";
                en = "Booked " + m.lines().size() + " times, " + m.booked().toPlainString() + " in all, for "
                        + m.expected().toPlainString() + " confirmed";
        }
        return new MismatchRecord(
                m.kind().name(), m.paymentId(), m.reference(), m.expected(), m.booked(), m.lines(), zh, en);
    }

    private static BigDecimal total(BankStatement statement, boolean debit) {
        return statement.entries().stream()
                .filter(e -> e.debit() == debit)
                .map(StatementEntry::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static boolean sameFile(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("bank_statement_sha256_key")) {
                return true;
            }
        }
        return false;
    }

    static String sha256(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
