package io.grantflow.disbursement.statement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.grantflow.disbursement.domain.statement.BankStatement;
import io.grantflow.disbursement.domain.statement.StatementEntry;
import io.grantflow.disbursement.domain.statement.StatementFormatException;
import java.io.IOException;
import java.math.BigDecimal;
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
        Faults faults = new Faults();
        int line = 1;
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(body)) {
            boolean headerChecked = false;
            while (rows.hasNextValue() && !faults.full()) {
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
                StatementEntry entry = entry(row, line, faults);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (JsonProcessingException e) {
            // a line the CSV reader cannot split (columns, quotes): named by its line; what was read before stands
            int at = e.getLocation() == null ? line + 1 : e.getLocation().getLineNr();
            faults.add(
                    "line " + at,
                    "INVALID_CSV",
                    "第 " + at + " 行无法按 CSV 读取（列数或引号有误）",
                    "Line " + at + " is not readable as CSV: " + firstLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof StatementFormatException f) {
                faults.add(f);
                faults.check();
            }
            throw new StatementFormatException(
                    "$", "INVALID_CSV", "无法读取 CSV 文件", "Not readable as CSV: " + firstLine(e.getMessage()));
        }
        faults.check();
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

    /** The row's entry, or null with every fault of it noted. */
    private static StatementEntry entry(Map<String, String> row, int line, Faults faults) {
        String at = "line " + line + ".";
        int before = faults.count();
        String direction = row.getOrDefault("direction", "").trim().toUpperCase(Locale.ROOT);
        if (!direction.equals("DEBIT") && !direction.equals("CREDIT")) {
            faults.add(
                    at + "direction",
                    "INVALID_DIRECTION",
                    "方向应为 DEBIT（支出）或 CREDIT（收入）",
                    "The direction must be DEBIT or CREDIT");
        }
        int beforeReference = faults.count();
        String reference = faults.read(() -> Amounts.text(row.get("reference"), at + "reference"));
        if (reference == null && faults.count() == beforeReference) {
            faults.add(at + "reference", "MISSING_REFERENCE", "缺少交易参考号", "The reference is missing");
        }
        String bankReference = faults.read(() -> Amounts.text(row.get("bank_reference"), at + "bank_reference"));
        BigDecimal amount = faults.read(() -> Amounts.amount(row.get("amount"), at + "amount"));
        String currency = faults.read(() -> Amounts.currency(row.get("currency"), at + "currency"));
        LocalDate bookedOn = faults.read(() -> Amounts.date(row.get("booked_on"), at + "booked_on"));
        String counterparty = faults.read(() -> Amounts.text(row.get("counterparty"), at + "counterparty"));
        if (faults.count() > before) {
            return null;
        }
        return new StatementEntry(
                line, reference, bankReference, amount, currency, bookedOn, direction.equals("DEBIT"), counterparty);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
