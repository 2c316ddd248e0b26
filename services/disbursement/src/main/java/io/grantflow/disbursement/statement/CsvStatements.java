package io.grantflow.disbursement.statement;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.grantflow.disbursement.domain.statement.BankStatement;
import io.grantflow.disbursement.domain.statement.StatementEntry;
import io.grantflow.disbursement.domain.statement.StatementFormatException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A statement as CSV, one entry per line after a header naming the columns (any order):
 * {@code reference, amount, booked_on, direction} (DEBIT or CREDIT), optional {@code currency}
 * (CNY), {@code bank_reference}, {@code counterparty}. Quoting is RFC 4180; a UTF-8 BOM is
 * skipped. The period is given with the upload or taken from the booking dates.
 */
public final class CsvStatements {
    static final Set<String> REQUIRED = Set.of("reference", "amount", "booked_on", "direction");
    static final Set<String> KNOWN =
            Set.of("reference", "amount", "booked_on", "direction", "currency", "bank_reference", "counterparty");

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private CsvStatements() {}

    public static BankStatement parse(String text, String statementId, LocalDate from, LocalDate to, int maxEntries) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<StatementEntry> entries = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(body)) {
            boolean headerChecked = false;
            int line = 1;
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                line++;
                if (!headerChecked) {
                    checkHeader(row.keySet());
                    headerChecked = true;
                }
                if (entries.size() == maxEntries) {
                    throw new StatementFormatException(
                            "$",
                            "TOO_MANY_ENTRIES",
                            "对账单条目过多（最多 " + maxEntries + " 条）",
                            "Too many entries (at most " + maxEntries + ")");
                }
                entries.add(entry(row, line));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StatementFormatException f) {
                throw f;
            }
            throw new StatementFormatException(
                    "$", "INVALID_CSV", "无法读取 CSV：" + e.getMessage(), "Not readable as CSV: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new StatementFormatException("$", "NO_ENTRIES", "对账单没有条目", "The statement has no entries");
        }
        LocalDate first = entries.stream()
                .map(StatementEntry::bookedOn)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        LocalDate last = entries.stream()
                .map(StatementEntry::bookedOn)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return new BankStatement(statementId, null, from == null ? first : from, to == null ? last : to, entries);
    }

    private static void checkHeader(Set<String> columns) {
        for (String required : REQUIRED) {
            if (!columns.contains(required)) {
                throw new StatementFormatException(
                        required, "MISSING_COLUMN", "缺少列：" + required, "Column missing: " + required);
            }
        }
        for (String column : columns) {
            if (!KNOWN.contains(column)) {
                throw new StatementFormatException(
                        column, "UNKNOWN_COLUMN", "无法识别的列：" + column, "Unknown column: " + column);
            }
        }
    }

    private static StatementEntry entry(Map<String, String> row, int line) {
        String at = "line " + line + ".";
        String direction = row.getOrDefault("direction", "").trim().toUpperCase(Locale.ROOT);
        if (!direction.equals("DEBIT") && !direction.equals("CREDIT")) {
            throw new StatementFormatException(
                    at + "direction",
                    "INVALID_DIRECTION",
                    "方向应为 DEBIT（支出）或 CREDIT（收入）",
                    "The direction must be DEBIT or CREDIT");
        }
        String reference = Amounts.text(row.get("reference"), at + "reference");
        if (reference == null) {
            throw new StatementFormatException(
                    at + "reference", "MISSING_REFERENCE", "缺少交易参考号", "The reference is missing");
        }
        return new StatementEntry(
                line,
                reference,
                Amounts.text(row.get("bank_reference"), at + "bank_reference"),
                Amounts.amount(row.get("amount"), at + "amount"),
                Amounts.currency(row.get("currency"), at + "currency"),
                Amounts.date(row.get("booked_on"), at + "booked_on"),
                direction.equals("DEBIT"),
                Amounts.text(row.get("counterparty"), at + "counterparty"));
    }
}
