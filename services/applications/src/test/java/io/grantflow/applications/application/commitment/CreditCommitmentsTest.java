package io.grantflow.applications.application.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.contracts.vocabulary.Vocabulary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The credit commitment is data: the shipped file reads, each version is kept apart, the current one is by date. */
class CreditCommitmentsTest {
    private static CreditCommitment version(String version, String from) {
        return new CreditCommitment(
                version, LocalDate.parse(from), "承诺书", "Commitment", "承诺 " + version, "We commit " + version);
    }

    private static Clock on(String date) {
        return Clock.fixed(
                ZonedDateTime.of(LocalDate.parse(date).atStartOfDay(), Vocabulary.POLICY_ZONE)
                        .toInstant(),
                Vocabulary.POLICY_ZONE);
    }

    @Test
    void theShippedTextReadsInBothLanguagesFromThePolicysFirstDay() {
        CreditCommitments shipped = new CreditCommitments();
        CreditCommitment first = shipped.versions().get(0);
        assertThat(first.effectiveFrom()).isEqualTo(LocalDate.of(2025, 5, 23));
        assertThat(first.textZh()).contains("真实", "不重复享受", "公共信用信息");
        assertThat(first.textEn()).contains("true", "only once", "public credit information");
        assertThat(shipped.current())
                .isEqualTo(shipped.versions().get(shipped.versions().size() - 1));
        assertThat(shipped.find(first.version())).contains(first);
        assertThat(shipped.find("nope")).isEmpty();
    }

    @Test
    void theCurrentVersionIsTheLatestAlreadyInForce() {
        List<CreditCommitment> versions = List.of(version("2025-05-23", "2025-05-23"), version("2026.1", "2026-07-01"));
        assertThat(new CreditCommitments(versions, on("2026-06-30")).current().version())
                .isEqualTo("2025-05-23");
        assertThat(new CreditCommitments(versions, on("2026-07-01")).current().version())
                .isEqualTo("2026.1");
        assertThat(new CreditCommitments(versions, on("2024-01-01")).current().version())
                .isEqualTo("2025-05-23");
    }

    @Test
    void aBrokenFileStopsTheService() {
        assertThatThrownBy(() -> CreditCommitments.checked(List.of())).hasMessageContaining("no version");
        assertThatThrownBy(() ->
                        CreditCommitments.checked(List.of(version("a", "2025-05-23"), version("a", "2026-01-01"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() ->
                        CreditCommitments.checked(List.of(version("a", "2026-01-01"), version("b", "2025-05-23"))))
                .hasMessageContaining("order");
        assertThatThrownBy(() -> new CreditCommitment("x", LocalDate.now(), "标题", "Title", "正文", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreditCommitment("bad version", LocalDate.now(), "标题", "Title", "正文", "Text"))
                .isInstanceOf(IllegalArgumentException.class);
        String unknownMember = """
                versions:
                  - version: "1"
                    effectiveFrom: 2025-05-23
                    titleZh: 标题
                    titleEn: Title
                    textZh: 正文
                    textEn: Text
                    signature: none
                """;
        assertThatThrownBy(() -> CreditCommitments.parse(
                        new ByteArrayInputStream(unknownMember.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("signature");
    }

    @Test
    void theSha256CoversTheChineseTextANulAndTheEnglishText() throws Exception {
        CreditCommitment c = version("1", "2025-05-23");
        byte[] bytes = ("承诺 1" + "\u0000" + "We commit 1").getBytes(StandardCharsets.UTF_8);
        assertThat(c.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(version("2", "2025-05-23").sha256()).isNotEqualTo(c.sha256());
    }
}
