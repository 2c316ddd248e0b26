package io.grantflow.applications.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.applications.application.call.Calls.RankedLine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The XLSX export of a call's ranked list: numbers a spreadsheet can sort and add up. */
class CallRankingWorkbookTest {

    @Test
    void rankScoreAndAmountsAreNumbersTheRestText() throws IOException {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        byte[] file = CallResource.workbook(List.of(
                new RankedLine(
                        1,
                        first,
                        "91320214AY4CL12T29",
                        "RECOMMENDED",
                        new BigDecimal("88.25"),
                        new BigDecimal("1000000.00"),
                        new BigDecimal("1000000.00"),
                        true),
                new RankedLine(
                        2, second, "913202117BYC46N175", "UNDER_REVIEW", null, new BigDecimal("0.10"), null, false)));

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("金额 amount");

            Row funded = sheet.getRow(1);
            assertThat(funded.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(funded.getCell(0).getNumericCellValue()).isEqualTo(1.0);
            assertThat(funded.getCell(1).getStringCellValue()).isEqualTo(first.toString());
            assertThat(funded.getCell(2).getStringCellValue()).isEqualTo("91320214AY4CL12T29");
            assertThat(funded.getCell(3).getStringCellValue()).isEqualTo("RECOMMENDED");
            assertThat(funded.getCell(4).getNumericCellValue()).isEqualTo(88.25);
            assertThat(funded.getCell(5).getNumericCellValue()).isEqualTo(1_000_000.00);
            assertThat(funded.getCell(6).getNumericCellValue()).isEqualTo(1_000_000.00);
            assertThat(funded.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(funded.getCell(7).getStringCellValue()).isEqualTo("是 yes");

            Row below = sheet.getRow(2);
            assertThat(below.getCell(4)).as("unscored: an empty cell").isNull();
            assertThat(below.getCell(5).getNumericCellValue()).isEqualTo(0.10);
            assertThat(below.getCell(6)).as("below the cut: no cumulative").isNull();
            assertThat(below.getCell(7).getStringCellValue()).isEqualTo("否 no");
        }
    }
}
