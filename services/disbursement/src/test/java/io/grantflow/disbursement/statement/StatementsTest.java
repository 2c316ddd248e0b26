package io.grantflow.disbursement.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.disbursement.domain.statement.BankStatement;
import io.grantflow.disbursement.domain.statement.Reconciliation;
import io.grantflow.disbursement.domain.statement.Reconciliation.Kind;
import io.grantflow.disbursement.domain.statement.Reconciliation.PaidOrder;
import io.grantflow.disbursement.domain.statement.StatementFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** camt.053 and CSV read into the same statement, and the mismatches finance must see. */
class StatementsTest {
    private static final LocalDate FROM = LocalDate.parse("2026-03-05");
    private static final LocalDate TO = LocalDate.parse("2026-03-06");

    static String camt(Map<String, String> values) throws IOException {
        try (InputStream in = StatementsTest.class.getResourceAsStream("/statements/camt053-template.xml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> v : values.entrySet()) {
                text = text.replace("{" + v.getKey() + "}", v.getValue());
            }
            return text;
        }
    }

    private static PaidOrder paid(String amount, LocalDate on) {
        return new PaidOrder(
                UUID.randomUUID(), UUID.randomUUID(), "SIM-" + UUID.randomUUID(), new BigDecimal(amount), on);
    }

    @Test
    void aCamtStatementWithOneMissingOneUnknownAndOneWrongAmountEntry() throws IOException {
        PaidOrder matched = paid("1000.00", FROM);
        PaidOrder wrongAmount = paid("2500.00", TO);
        PaidOrder missing = paid("300.00", TO);
        PaidOrder outsideThePeriod = paid("9.00", TO.plusDays(1));
        BankStatement statement = Camt053.parse(
                camt(Map.of(
                        "FROM",
                        FROM.toString(),
                        "TO",
                        TO.toString(),
                        "KEY_1",
                        matched.orderKey().toString(),
                        "AMOUNT_1",
                        "1000",
                        "KEY_2",
                        wrongAmount.orderKey().toString(),
                        "AMOUNT_2",
                        "2050.00",
                        "KEY_3",
                        "SOMEONE-ELSES-TRANSFER",
                        "AMOUNT_3",
                        "77.70")),
                1000);

        assertThat(statement.statementId()).isEqualTo("STMT-2026-03-05");
        assertThat(statement.account()).isEqualTo("3202000100000001");
        assertThat(statement.from()).isEqualTo(FROM);
        assertThat(statement.to()).isEqualTo(TO);
        assertThat(statement.entries()).hasSize(4);
        assertThat(statement.entries().get(0).amount()).isEqualByComparingTo("1000.00");
        assertThat(statement.entries().get(0).amount().scale()).isEqualTo(2);
        assertThat(statement.entries().get(3).debit()).isFalse();

        List<Reconciliation.Mismatch> found =
                Reconciliation.match(statement, List.of(matched, wrongAmount, missing, outsideThePeriod));

        assertThat(found)
                .extracting(Reconciliation.Mismatch::kind)
                .containsExactly(Kind.AMOUNT_DIFFERS, Kind.UNKNOWN, Kind.MISSING);
        assertThat(found.get(0).paymentId()).isEqualTo(wrongAmount.paymentId());
        assertThat(found.get(0).expected()).isEqualByComparingTo("2500.00");
        assertThat(found.get(0).booked()).isEqualByComparingTo("2050.00");
        assertThat(found.get(0).lines()).containsExactly(2);
        assertThat(found.get(1).reference()).isEqualTo("SOMEONE-ELSES-TRANSFER");
        assertThat(found.get(1).lines()).containsExactly(3);
        assertThat(found.get(2).paymentId()).isEqualTo(missing.paymentId());
    }

    @Test
    void theSameStatementAsCsvReadsTheSameAndAPaymentBookedTwiceIsShown() {
        PaidOrder twice = paid("120000.00", FROM);
        String csv = "\uFEFFreference,amount,booked_on,direction,bank_reference,counterparty\r\n"
                + twice.orderKey() + ",120000.00,2026-03-05,DEBIT,B1,\"无锡某某科技有限公司, 新吴\"\r\n"
                + twice.treasuryReference().toLowerCase() + ",120000.00,2026-03-06,debit,B2,\r\n"
                + "\r\n";
        BankStatement statement = CsvStatements.parse(csv, "CSV-1", null, null, 1000);

        assertThat(statement.from()).isEqualTo(FROM);
        assertThat(statement.to()).isEqualTo(TO);
        assertThat(statement.entries().get(0).counterparty()).isEqualTo("无锡某某科技有限公司, 新吴");
        List<Reconciliation.Mismatch> found = Reconciliation.match(statement, List.of(twice));
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Kind.PAID_TWICE);
            assertThat(m.booked()).isEqualByComparingTo("240000.00");
            assertThat(m.lines()).containsExactly(2, 3);
        });
    }

    @Test
    void badFilesAreRefusedNamingTheFieldAndTheLine() {
        assertThatThrownBy(() -> CsvStatements.parse(
                        "reference,amount,booked_on,direction\nK1,12.345,2026-03-05,DEBIT\n", null, null, null, 10))
                .isInstanceOfSatisfying(StatementFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("line 2.amount");
                    assertThat(e.code()).isEqualTo("INVALID_AMOUNT");
                    assertThat(e.text().zh()).contains("两位小数");
                });
        assertThatThrownBy(() ->
                        CsvStatements.parse("reference,amount,booked_on\nK1,1.00,2026-03-05\n", null, null, null, 10))
                .isInstanceOfSatisfying(
                        StatementFormatException.class,
                        e -> assertThat(e.field()).isEqualTo("direction"));
        assertThatThrownBy(() -> CsvStatements.parse(
                        "reference,amount,booked_on,direction,iban\nK1,1.00,2026-03-05,DEBIT,x\n",
                        null,
                        null,
                        null,
                        10))
                .isInstanceOfSatisfying(
                        StatementFormatException.class,
                        e -> assertThat(e.code()).isEqualTo("UNKNOWN_COLUMN"));
        assertThatThrownBy(() -> CsvStatements.parse(
                        "reference,amount,booked_on,direction\nK1,1.00,2026-03-05,DEBIT\nK2,1.00,2026-03-05,DEBIT\n",
                        null,
                        null,
                        null,
                        1))
                .isInstanceOfSatisfying(
                        StatementFormatException.class,
                        e -> assertThat(e.code()).isEqualTo("TOO_MANY_ENTRIES"));
        assertThatThrownBy(() -> Camt053.parse("<Document><BkToCstmrStmt/></Document>", 10))
                .isInstanceOfSatisfying(
                        StatementFormatException.class,
                        e -> assertThat(e.code()).isEqualTo("MISSING_STATEMENT"));
        assertThatThrownBy(() -> Camt053.parse("not xml", 10))
                .isInstanceOfSatisfying(
                        StatementFormatException.class,
                        e -> assertThat(e.code()).isEqualTo("INVALID_XML"));
    }

    @Test
    void everyFaultOfAFileIsNamedInOneAnswerAndALineTheReaderCannotSplitByItsLine() {
        assertThatThrownBy(() -> CsvStatements.parse(
                        "reference,amount,booked_on,direction\n"
                                + "A1,x,2026-03-05,DEBIT\n"
                                + "A2,1.00,2026-13-08,SIDEWAYS\n"
                                + "A3,2.00,2026-03-05,DEBIT\n",
                        null,
                        null,
                        null,
                        10))
                .isInstanceOfSatisfying(
                        StatementFormatException.class,
                        e -> assertThat(e.faults().stream().map(StatementFormatException.Fault::field))
                                .containsExactly("line 2.amount", "line 3.direction", "line 3.booked_on"));
        assertThatThrownBy(() -> CsvStatements.parse(
                        "reference,amount,booked_on,direction\nA1,1.00,2026-03-05,DEBIT,extra\n", null, null, null, 10))
                .isInstanceOfSatisfying(StatementFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("line 2");
                    assertThat(e.code()).isEqualTo("INVALID_CSV");
                    assertThat(e.text().zh()).startsWith("第 2 行").doesNotContain("Too many");
                    assertThat(e.text().en()).startsWith("Line 2 ");
                });
        assertThatThrownBy(() -> Camt053.parse("<Document>\n<BkToCstmrStmt>\n</Document>", 10))
                .isInstanceOfSatisfying(StatementFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("line 3");
                    assertThat(e.text().zh()).contains("第 3 行").doesNotContainPattern("[A-Za-z]{6,}");
                });
    }

    @Test
    void anExternalEntityIsNeverRead() throws IOException {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + camt(Map.of(
                                "FROM",
                                "2026-03-05",
                                "TO",
                                "2026-03-06",
                                "KEY_1",
                                "&x;",
                                "AMOUNT_1",
                                "1.00",
                                "KEY_2",
                                "K2",
                                "AMOUNT_2",
                                "1.00",
                                "KEY_3",
                                "K3",
                                "AMOUNT_3",
                                "1.00"))
                        .replaceFirst("<\\?xml[^>]*>", "");
        assertThatThrownBy(() -> Camt053.parse(xxe, 10))
                .isInstanceOfSatisfying(
                        StatementFormatException.class,
                        e -> assertThat(e.code()).isEqualTo("INVALID_XML"));
    }
}
