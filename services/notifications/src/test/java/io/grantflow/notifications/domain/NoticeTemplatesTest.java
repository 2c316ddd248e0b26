package io.grantflow.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an applicant reads about each new status of its application, in Chinese and in English. */
class NoticeTemplatesTest {
    /** Every status of ApplicationStatusChangedV1. */
    private static final List<String> STATUSES = List.of(
            "SUBMITTED",
            "ELIGIBLE",
            "INELIGIBLE",
            "APPROVED",
            "REJECTED",
            "FUNDS_RESERVED",
            "BUDGET_REFUSED",
            "PAID",
            "PAYMENT_FAILED");

    private static final String PROGRAMME = "S4-EDGE-COMPUTE";
    private static final String APPLICATION = UUID.randomUUID().toString();

    private static NoticeTemplates.Text text(String status, String amount, String reasonZh, String reasonEn) {
        return NoticeTemplates.forStatus(
                status, PROGRAMME, APPLICATION, amount == null ? null : new BigDecimal(amount), reasonZh, reasonEn);
    }

    private static boolean hasChinese(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "SUBMITTED",
                "ELIGIBLE",
                "INELIGIBLE",
                "APPROVED",
                "REJECTED",
                "FUNDS_RESERVED",
                "BUDGET_REFUSED",
                "PAID",
                "PAYMENT_FAILED"
            })
    void everyStatusHasATitleAndABodyInChineseAndInEnglish(String status) {
        NoticeTemplates.Text t = text(status, "1000.00", "原因", "reason");

        assertThat(hasChinese(t.titleZh())).as("Chinese title %s", t.titleZh()).isTrue();
        assertThat(hasChinese(t.bodyZh())).as("Chinese body %s", t.bodyZh()).isTrue();
        assertThat(hasChinese(t.titleEn())).as("English title %s", t.titleEn()).isFalse();
        assertThat(t.titleEn()).isNotBlank();
        assertThat(t.bodyEn()).isNotBlank().matches(".*[A-Za-z]{3,}.*");
        assertThat(t.bodyZh())
                .as("the Chinese body names the application")
                .contains(APPLICATION)
                .contains(PROGRAMME);
        assertThat(t.bodyEn())
                .as("the English body names the application")
                .contains(APPLICATION)
                .contains(PROGRAMME);
    }

    @Test
    void eachStatusHasItsOwnTitle() {
        List<String> zh =
                STATUSES.stream().map(s -> text(s, "1.00", "r", "r").titleZh()).toList();
        List<String> en =
                STATUSES.stream().map(s -> text(s, "1.00", "r", "r").titleEn()).toList();

        assertThat(zh).doesNotHaveDuplicates();
        assertThat(en).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} with {1} shows {2}")
    @CsvSource({
        "ELIGIBLE, 300000, 300000.00",
        "APPROVED, 250000.5, 250000.50",
        "FUNDS_RESERVED, 0.1, 0.10",
        "PAID, 1000000.00, 1000000.00",
        "PAID, 12345678.9, 12345678.90"
    })
    void theAmountIsPrintedInYuanWithTwoDecimalsInBothLanguages(String status, String amount, String printed) {
        NoticeTemplates.Text t = text(status, amount, null, null);

        assertThat(t.bodyZh()).contains(printed + " 元");
        assertThat(t.bodyEn()).contains("CNY " + printed);
        assertThat(t.bodyZh() + t.bodyEn()).doesNotContain("E+").doesNotContain("null");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"INELIGIBLE", "REJECTED", "BUDGET_REFUSED", "PAYMENT_FAILED"})
    void aRefusalGivesItsReasonInEachLanguage(String status) {
        NoticeTemplates.Text t = text(status, "1000.00", "收款账户已销户", "The beneficiary account is closed");

        assertThat(t.bodyZh()).contains("收款账户已销户").doesNotContain("The beneficiary account is closed");
        assertThat(t.bodyEn()).contains("The beneficiary account is closed").doesNotContain("收款账户已销户");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SUBMITTED", "INELIGIBLE", "REJECTED", "BUDGET_REFUSED", "PAYMENT_FAILED"})
    void aNoticeWithoutAmountOrReasonPrintsNoPlaceholders(String status) {
        NoticeTemplates.Text t = text(status, null, null, null);

        assertThat(t.bodyZh()).doesNotContain("null");
        assertThat(t.bodyEn()).doesNotContain("null");
    }

    @Test
    void theMailCarriesBothLanguagesChineseFirst() {
        NoticeTemplates.Text t = text("PAID", "250000.00", null, null);

        assertThat(t.subject()).contains(t.titleZh()).contains(t.titleEn());
        assertThat(t.subject().indexOf(t.titleZh())).isLessThan(t.subject().indexOf(t.titleEn()));
        assertThat(t.mailBody()).contains(t.bodyZh()).contains(t.bodyEn());
        assertThat(t.mailBody().indexOf(t.bodyZh())).isLessThan(t.mailBody().indexOf(t.bodyEn()));
    }

    @Test
    void aStatusThisVersionDoesNotKnowStillGivesANoticeNamingIt() {
        NoticeTemplates.Text t = text("CLAWED_BACK", "10.00", null, null);

        assertThat(Arrays.asList(t.titleZh(), t.titleEn(), t.bodyZh(), t.bodyEn()))
                .allSatisfy(s -> assertThat(s).isNotBlank());
        assertThat(t.bodyEn()).contains("CLAWED_BACK");
        assertThat(STATUSES.stream().map(s -> text(s, "1.00", null, null).titleEn()))
                .doesNotContain(t.titleEn());
    }
}
