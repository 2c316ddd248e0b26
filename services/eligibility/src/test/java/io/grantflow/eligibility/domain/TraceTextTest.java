package io.grantflow.eligibility.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.eligibility.domain.catalogue.DatedValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The trace's wording: every step in Chinese and in English, with the same numbers in both. */
class TraceTextTest {
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    @ParameterizedTest
    @EnumSource(TraceText.class)
    void eachWordingHasChineseAndEnglishWithTheSameArguments(TraceText text) {
        Object[] args = new Object[8];
        for (int i = 0; i < args.length; i++) {
            args[i] = "<" + i + ">";
        }
        String zh = text.zh(args);
        String en = text.en(args);

        // a formula (RATE, BRACKETS, PER) is numbers and signs in both languages: no words to translate
        boolean formula = !LETTER.matcher(zh.replaceAll("<\\d+>", "")).find();
        assertThat(formula || HAN.matcher(zh).find())
                .as("%s in Chinese: %s", text, zh)
                .isTrue();
        assertThat(HAN.matcher(en).find()).as("%s in English: %s", text, en).isFalse();
        assertThat(arguments(zh))
                .as(text + ": the same arguments in both languages")
                .isEqualTo(arguments(en));
        assertThat(text.rule()).matches("[A-Z0-9_-]+");
    }

    @Test
    void numbersAreShownWithoutTrailingZerosAndCatalogueValuesAsWritten() {
        TraceStep step = TraceText.CAP.step(
                "clause",
                TraceText.written(new BigDecimal("1000000.00")),
                new BigDecimal("300000.00"),
                TraceText.Note.NONE);

        assertThat(step.rule()).isEqualTo("CAP");
        assertThat(step.clause()).isEqualTo("clause");
        assertThat(step.detailZh()).isEqualTo("最高 1000000.00，取 300000");
        assertThat(step.detailEn()).isEqualTo("cap 1000000.00, giving 300000");
    }

    @Test
    void aDatedValueNotesFromWhenItIsInForceInEachLanguage() {
        DatedValue<BigDecimal> value = new DatedValue<>(LocalDate.of(2025, 5, 23), new BigDecimal("0.30"), "ref", true);

        TraceStep step = TraceText.FIXED.step("ref", TraceText.written(value.value()), value);

        assertThat(step.detailZh()).isEqualTo("最高 0.30 [2025-05-23 起，默认值]");
        assertThat(step.detailEn()).isEqualTo("at most 0.30 [from 2025-05-23, default]");
    }

    private static TreeSet<String> arguments(String rendered) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("<(\\d+)>").matcher(rendered);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
