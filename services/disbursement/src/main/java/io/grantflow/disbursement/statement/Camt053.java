package io.grantflow.disbursement.statement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;
import io.grantflow.disbursement.domain.statement.BankStatement;
import io.grantflow.disbursement.domain.statement.StatementEntry;
import io.grantflow.disbursement.domain.statement.StatementFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;

/**
 * An ISO 20022 camt.053 bank-to-customer statement (any version: elements are matched by their
 * local names), bound to classes with Jackson's XML binding. Only the parts reconciliation needs
 * are read: the statement's id, account and period, and per entry its amount and currency,
 * credit or debit, booking date, the bank's reference and the transaction's end-to-end id (our
 * order key). DTDs and external entities are refused (no XXE). One statement per file.
 */
public final class Camt053 {
    private static final XmlMapper XML;

    static {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML = new XmlMapper(XmlFactory.builder().xmlInputFactory(input).build());
        XML.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private Camt053() {}

    public static BankStatement parse(String text, int maxEntries) {
        Document doc;
        try {
            doc = XML.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String at = line > 0 ? "line " + line : "$";
            throw new StatementFormatException(
                    at,
                    "INVALID_XML",
                    (line > 0 ? "第 " + line + " 行" : "文件") + "不是有效的 camt.053 XML（标签、编码或结构有误）",
                    "Not a readable camt.053 document" + (line > 0 ? " at line " + line : "") + ": "
                            + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new StatementFormatException(
                    "$",
                    "INVALID_XML",
                    "无法读取 camt.053 文件",
                    "Not a readable camt.053 document: " + firstLine(e.getMessage()));
        }
        if (doc == null
                || doc.statementMessage == null
                || doc.statementMessage.statements == null
                || doc.statementMessage.statements.isEmpty()) {
            throw new StatementFormatException(
                    "BkToCstmrStmt.Stmt",
                    "MISSING_STATEMENT",
                    "文件中没有对账单（Stmt）",
                    "The document holds no statement (Stmt)");
        }
        if (doc.statementMessage.statements.size() > 1) {
            throw new StatementFormatException(
                    "BkToCstmrStmt.Stmt", "ONE_STATEMENT", "每个文件只能含一份对账单", "One statement per file");
        }
        Stmt s = doc.statementMessage.statements.get(0);
        if (s.period == null || s.period.from == null || s.period.to == null) {
            throw new StatementFormatException(
                    "Stmt.FrToDt", "MISSING_PERIOD", "缺少对账单期间（FrToDt）", "The statement's period (FrToDt) is missing");
        }
        List<Ntry> ntries = s.entries == null ? List.of() : s.entries;
        if (ntries.size() > maxEntries) {
            throw new StatementFormatException(
                    "Stmt.Ntry",
                    "TOO_MANY_ENTRIES",
                    "对账单条目过多（最多 " + maxEntries + " 条）",
                    "Too many entries (at most " + maxEntries + ")");
        }
        List<StatementEntry> entries = new ArrayList<>();
        Faults faults = new Faults();
        for (int i = 0; i < ntries.size() && !faults.full(); i++) {
            StatementEntry entry = entry(ntries.get(i), i + 1, faults);
            if (entry != null) {
                entries.add(entry);
            }
        }
        faults.check();
        if (entries.isEmpty()) {
            throw new StatementFormatException("Stmt.Ntry", "NO_ENTRIES", "对账单没有条目", "The statement has no entries");
        }
        String account = s.account == null || s.account.id == null
                ? null
                : s.account.id.iban != null
                        ? s.account.id.iban
                        : s.account.id.other == null ? null : s.account.id.other.id;
        return new BankStatement(
                Amounts.text(s.id, "Stmt.Id"),
                Amounts.text(account, "Stmt.Acct.Id"),
                Amounts.date(s.period.from, "Stmt.FrToDt.FrDtTm"),
                Amounts.date(s.period.to, "Stmt.FrToDt.ToDtTm"),
                entries);
    }

    /** The entry, or null with every fault of it noted. */
    private static StatementEntry entry(Ntry n, int index, Faults faults) {
        String at = "Stmt.Ntry[" + index + "].";
        int before = faults.count();
        if (n.amount == null) {
            faults.add(at + "Amt", "MISSING_AMOUNT", "缺少金额（Amt）", "The amount (Amt) is missing");
        }
        String indicator = n.creditDebit == null ? "" : n.creditDebit.trim();
        if (!indicator.equals("DBIT") && !indicator.equals("CRDT")) {
            faults.add(at + "CdtDbtInd", "INVALID_DIRECTION", "借贷标识应为 DBIT 或 CRDT", "CdtDbtInd must be DBIT or CRDT");
        }
        String endToEnd = null;
        if (n.details != null && n.details.transactions != null && !n.details.transactions.isEmpty()) {
            TxDtls tx = n.details.transactions.get(0);
            endToEnd = tx.refs == null ? null : tx.refs.endToEndId;
        }
        String booked =
                n.bookingDate == null ? null : n.bookingDate.date != null ? n.bookingDate.date : n.bookingDate.dateTime;
        if (booked == null) {
            faults.add(at + "BookgDt", "MISSING_DATE", "缺少记账日期（BookgDt）", "The booking date (BookgDt) is missing");
        }
        String reference = endToEnd;
        String id = faults.read(() -> Amounts.text(reference, at + "NtryDtls.TxDtls.Refs.EndToEndId"));
        String bankReference = faults.read(() -> Amounts.text(n.bankReference, at + "AcctSvcrRef"));
        BigDecimal amount = n.amount == null ? null : faults.read(() -> Amounts.amount(n.amount.value, at + "Amt"));
        String currency =
                n.amount == null ? null : faults.read(() -> Amounts.currency(n.amount.currency, at + "Amt.Ccy"));
        LocalDate bookedOn = booked == null ? null : faults.read(() -> Amounts.date(booked, at + "BookgDt"));
        if (faults.count() > before) {
            return null;
        }
        return new StatementEntry(index, id, bankReference, amount, currency, bookedOn, indicator.equals("DBIT"), null);
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    // ---- the parts of camt.053 read, by local name ----

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Document {
        @JacksonXmlProperty(localName = "BkToCstmrStmt")
        public BkToCstmrStmt statementMessage;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class BkToCstmrStmt {
        @JacksonXmlElementWrapper(useWrapping = false)
        @JacksonXmlProperty(localName = "Stmt")
        public List<Stmt> statements;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Stmt {
        @JacksonXmlProperty(localName = "Id")
        public String id;

        @JacksonXmlProperty(localName = "Acct")
        public Acct account;

        @JacksonXmlProperty(localName = "FrToDt")
        public FrToDt period;

        @JacksonXmlElementWrapper(useWrapping = false)
        @JacksonXmlProperty(localName = "Ntry")
        public List<Ntry> entries;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Acct {
        @JacksonXmlProperty(localName = "Id")
        public AcctId id;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class AcctId {
        @JacksonXmlProperty(localName = "IBAN")
        public String iban;

        @JacksonXmlProperty(localName = "Othr")
        public Othr other;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Othr {
        @JacksonXmlProperty(localName = "Id")
        public String id;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class FrToDt {
        @JacksonXmlProperty(localName = "FrDtTm")
        public String from;

        @JacksonXmlProperty(localName = "ToDtTm")
        public String to;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Ntry {
        @JacksonXmlProperty(localName = "Amt")
        public Amt amount;

        @JacksonXmlProperty(localName = "CdtDbtInd")
        public String creditDebit;

        @JacksonXmlProperty(localName = "BookgDt")
        public DateAndDateTime bookingDate;

        @JacksonXmlProperty(localName = "AcctSvcrRef")
        public String bankReference;

        @JacksonXmlProperty(localName = "NtryDtls")
        public NtryDtls details;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Amt {
        @JacksonXmlProperty(isAttribute = true, localName = "Ccy")
        public String currency;

        @JacksonXmlText
        public String value;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class DateAndDateTime {
        @JacksonXmlProperty(localName = "Dt")
        public String date;

        @JacksonXmlProperty(localName = "DtTm")
        public String dateTime;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class NtryDtls {
        @JacksonXmlElementWrapper(useWrapping = false)
        @JacksonXmlProperty(localName = "TxDtls")
        public List<TxDtls> transactions;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class TxDtls {
        @JacksonXmlProperty(localName = "Refs")
        public Refs refs;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Refs {
        @JacksonXmlProperty(localName = "EndToEndId")
        public String endToEndId;
    }
}
