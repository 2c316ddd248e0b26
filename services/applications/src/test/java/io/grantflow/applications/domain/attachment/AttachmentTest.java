package io.grantflow.applications.domain.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.applications.domain.applicant.AccountNumbers;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttachmentTest {
    @Test
    void anAttachmentHasContentAndALowerCaseHexSha256() {
        String sha = "a".repeat(64);
        Attachment a = new Attachment(
                UUID.randomUUID(),
                UUID.randomUUID(),
                DocumentType.OTHER,
                "x.png",
                FileFormat.PNG,
                1,
                sha,
                1,
                "u",
                Instant.now());
        assertThat(a.downloadName()).isEqualTo("x.png");
        assertThatThrownBy(() -> new Attachment(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        DocumentType.OTHER,
                        "x",
                        FileFormat.PNG,
                        0,
                        sha,
                        1,
                        "u",
                        Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Attachment(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        DocumentType.OTHER,
                        "x",
                        FileFormat.PNG,
                        1,
                        "A".repeat(64),
                        1,
                        "u",
                        Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Attachment.hex(new byte[] {0, 15, (byte) 255})).isEqualTo("000fff");
    }

    @Test
    void everyDocumentTypeHasBothLanguages() {
        for (DocumentType type : DocumentType.values()) {
            assertThat(type.label().zh()).as(type.name()).isNotBlank().doesNotContain(" / ");
            assertThat(type.label().en()).as(type.name()).isNotBlank().doesNotContain(" / ");
        }
    }

    @Test
    void anAccountNumberShowsItsLastFourDigitsOnly() {
        assertThat(AccountNumbers.mask("6222021234567890123")).isEqualTo("***************0123");
        assertThat(AccountNumbers.mask("1234")).isEqualTo("****");
        assertThat(AccountNumbers.mask(null)).isNull();
    }
}
