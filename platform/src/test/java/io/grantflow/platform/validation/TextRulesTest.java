package io.grantflow.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text a person typed: bounded, visible, without control or direction-override characters. */
class TextRulesTest {

    @ParameterizedTest(name = "{0} is accepted")
    @ValueSource(strings = {"材料不全，请补充发票。", "Invoice missing", "a", "👍🏽 确认", "多行\n说明"})
    void ordinaryTextIsAccepted(String text) {
        assertThat(TextRules.problem(text, 100, true)).isNull();
    }

    @ParameterizedTest(name = "U+{0} alone is blank-looking")
    @ValueSource(strings = {"\u200B", "\u200B\u200C\u200D", " \u3000 ", "\uFEFF", "\u2800", "\t\n"})
    void aTextOfOnlyInvisibleCharactersIsRefused(String text) {
        assertThat(TextRules.problem(text, 100, true).en()).contains("blank");
    }

    @Test
    void nulAndOtherControlCharactersAreRefusedButLineBreaksOnlyWhereMultiline() {
        assertThat(TextRules.problem("a\u0000b", 100, true).en()).contains("NUL");
        assertThat(TextRules.problem("a\u0007b", 100, true).en()).contains("control");
        assertThat(TextRules.problem("a\nb", 100, false).en()).contains("control");
        assertThat(TextRules.problem("a\nb", 100, true)).isNull();
    }

    @Test
    void bidirectionalOverridesAndLoneSurrogatesAreRefused() {
        assertThat(TextRules.problem("91320214AY4\u202ECL12T29", 100, false).en())
                .contains("bidirectional");
        assertThat(TextRules.problem("x\uD800y", 100, false).en()).contains("encoding");
    }

    @Test
    void theLimitCountsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(10); // 20 UTF-16 units, 10 characters
        assertThat(TextRules.problem(emoji, 10, false)).isNull();
        assertThat(TextRules.problem(emoji + "x", 10, false).en()).contains("at most 10");
    }
}
