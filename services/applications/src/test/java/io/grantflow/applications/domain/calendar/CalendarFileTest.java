package io.grantflow.applications.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.platform.text.Bilingual;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The calendar file format: what it reads, and every typing mistake it refuses with the file and the line. */
class CalendarFileTest {
    private static final List<String> HEAD = List.of(
            "# a comment",
            "year=2025",
            "status=official",
            "source_zh=通知",
            "source_en=notice",
            "published=2024-11-12",
            "",
            CalendarFile.HEADER);

    private static List<String> file(String... rows) {
        List<String> lines = new ArrayList<>(HEAD);
        lines.addAll(List.of(rows));
        return lines;
    }

    private static void assertRefused(List<String> lines, int line, String enFragment) {
        assertThatThrownBy(() -> CalendarFile.parse("t.csv", lines))
                .isInstanceOfSatisfying(CalendarFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("t.csv");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem().zh()).isNotBlank();
                    assertThat(e.problem().en()).contains(enFragment);
                });
    }

    @Test
    void aFileGivesItsYearStatusSourceAndEntries() {
        CalendarYear year = CalendarFile.parse(
                "t.csv",
                file(
                        "2025-01-28,2025-02-04,holiday,春节,Spring Festival",
                        "2025-02-08,2025-02-08,workday,春节调休上班,Spring Festival make-up working day"));

        assertThat(year.year()).isEqualTo(2025);
        assertThat(year.status()).isEqualTo(CalendarYear.Status.OFFICIAL);
        assertThat(year.source().zh()).isEqualTo("通知");
        assertThat(year.source().en()).isEqualTo("notice");
        assertThat(year.published()).isEqualTo(LocalDate.of(2024, 11, 12));
        assertThat(year.file()).isEqualTo("t.csv");
        assertThat(year.entries())
                .containsExactly(
                        new CalendarEntry(
                                LocalDate.of(2025, 1, 28),
                                LocalDate.of(2025, 2, 4),
                                CalendarEntry.Kind.HOLIDAY,
                                Bilingual.of("春节", "Spring Festival")),
                        new CalendarEntry(
                                LocalDate.of(2025, 2, 8),
                                LocalDate.of(2025, 2, 8),
                                CalendarEntry.Kind.WORKDAY,
                                Bilingual.of("春节调休上班", "Spring Festival make-up working day")));
    }

    @Test
    void aByteOrderMarkAndSurroundingSpacesAreTolerated() {
        List<String> lines = file(" 2025-01-01 , 2025-01-01 , holiday , 元旦 , New Year's Day ");
        lines.set(0, "\uFEFF# comment");

        assertThat(CalendarFile.parse("t.csv", lines).entries()).hasSize(1);
    }

    @Test
    void aProvisionalYearNeedsNoPublicationDate() {
        CalendarYear year = CalendarFile.parse(
                "p.csv",
                List.of(
                        "year=2027",
                        "status=provisional",
                        "source_zh=法定",
                        "source_en=statutory",
                        "published=",
                        CalendarFile.HEADER,
                        "2027-01-01,2027-01-01,holiday,元旦,New Year"));

        assertThat(year.status()).isEqualTo(CalendarYear.Status.PROVISIONAL);
        assertThat(year.published()).isNull();
    }

    @Test
    void aProvisionalYearMayNotListAMakeUpWorkingDay() {
        // make-up days come only from the State Council's notice: a provisional year invents none
        List<String> lines = List.of(
                "year=2027",
                "status=provisional",
                "source_zh=法定",
                "source_en=statutory",
                CalendarFile.HEADER,
                "2027-02-06,2027-02-06,holiday,春节,Spring Festival",
                "2027-02-20,2027-02-20,workday,调休,make-up");

        assertRefused(lines, 7, "provisional year lists no make-up working day");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not a date|2025-1-01,2025-01-01,holiday,元旦,New Year|from is not a yyyy-MM-dd date",
                "impossible date|2025-02-30,2025-02-30,holiday,元旦,New Year|from is not a yyyy-MM-dd date",
                "backwards|2025-02-04,2025-01-28,holiday,春节,Spring Festival|ends before it starts",
                "too long|2025-01-01,2025-01-31,holiday,元旦,New Year|spans at most 15 days",
                "unknown kind|2025-01-01,2025-01-01,vacation,元旦,New Year|kind must be holiday or workday",
                "comma in a name|2025-10-01,2025-10-08,holiday,国庆节,National Day, Mid-Autumn|a row has 5 cells",
                "four cells|2025-10-01,2025-10-08,holiday,国庆节|a row has 5 cells",
                "empty name|2025-10-01,2025-10-08,holiday, ,National Day|name_zh must not be empty",
                "weekday make-up day|2025-02-07,2025-02-07,workday,调休,make-up|is not a Saturday or Sunday",
                "outside the year|2026-03-01,2026-03-01,holiday,元旦,New Year|outside 2025"
            })
    void aMistypedRowIsRefusedWithItsLine(String name, String row, String message) {
        assertRefused(file(row), HEAD.size() + 1, message);
    }

    @Test
    void aDayListedTwiceIsRefusedNamingTheFirstLine() {
        assertRefused(
                file(
                        "2025-01-28,2025-02-04,holiday,春节,Spring Festival",
                        "2025-02-04,2025-02-04,holiday,春节,Spring Festival"),
                HEAD.size() + 2,
                "already listed on line 9");
    }

    @Test
    void theNewYearHolidayMayStartOnTheThirtyFirstOfDecember() {
        // the 2023 notice started the New Year holiday on 2022-12-31
        CalendarYear year = CalendarFile.parse("t.csv", file("2024-12-31,2025-01-01,holiday,元旦,New Year"));

        assertThat(year.entries().get(0).from()).isEqualTo(LocalDate.of(2024, 12, 31));
    }

    @Test
    void theKeysAreChecked() {
        assertRefused(
                List.of(
                        "year=2025",
                        "status=official",
                        "source_zh=a",
                        "source_en=b",
                        "published=2024-11-12",
                        "colour=red",
                        CalendarFile.HEADER),
                6,
                "unknown key: colour");
        assertRefused(List.of("year=2025", "year=2026", CalendarFile.HEADER), 2, "key given twice");
        assertRefused(List.of("year=2025", "just words", CalendarFile.HEADER), 2, "expected key=value");
        assertRefused(
                List.of("status=official", "source_zh=a", "source_en=b", "published=2024-11-12", CalendarFile.HEADER),
                0,
                "year is missing");
        assertRefused(
                List.of(
                        "year=25",
                        "status=official",
                        "source_zh=a",
                        "source_en=b",
                        "published=2024-11-12",
                        CalendarFile.HEADER),
                0,
                "year must be a year");
        assertRefused(
                List.of(
                        "year=2025",
                        "status=draft",
                        "source_zh=a",
                        "source_en=b",
                        "published=2024-11-12",
                        CalendarFile.HEADER),
                0,
                "status must be official or provisional");
        assertRefused(
                List.of("year=2025", "status=official", "source_zh=a", "source_en=b", CalendarFile.HEADER),
                0,
                "an official year names the date its notice was published");
        assertRefused(
                List.of("year=2025", "status=official", "source_en=b", "published=2024-11-12", CalendarFile.HEADER),
                0,
                "source_zh is missing");
        assertRefused(
                List.of("year=2025", "status=official", "source_zh=a", "source_en=b", "published=2024-11-12"),
                0,
                "the header");
    }
}
