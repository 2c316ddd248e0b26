package io.grantflow.applications.application.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.applications.domain.attachment.FileFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's name is kept as a person gave it, minus what could mislead a reader or a header. */
class AttachmentNamesTest {
    @Test
    void folderPartsControlAndDirectionCharactersAreDropped() {
        assertThat(Attachments.cleanName("C:\\Users\\张三\\营业执照.pdf")).isEqualTo("营业执照.pdf");
        assertThat(Attachments.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Attachments.cleanName("report\u0000.pdf")).isEqualTo("report.pdf");
        // a right-to-left override makes "invoice\u202Efdp.exe" read as "invoiceexe.pdf"
        assertThat(Attachments.cleanName("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(Attachments.cleanName("a\"b;c<d>.pdf")).isEqualTo("abcd.pdf");
        assertThat(Attachments.cleanName("  tab\tand\nline.pdf ")).isEqualTo("tab and line.pdf");
        assertThat(Attachments.cleanName(".hidden")).isEqualTo("hidden");
        assertThat(Attachments.cleanName("\u200B")).isEqualTo("attachment");
        assertThat(Attachments.cleanName(null)).isEqualTo("attachment");
        assertThat(Attachments.cleanName("名".repeat(300) + ".pdf").codePointCount(0, 255))
                .isEqualTo(255);
        assertThat(Attachments.cleanName("😀".repeat(300))).hasSize(2 * Attachments.FILE_NAME);
    }

    @Test
    void theDownloadNameCarriesTheExtensionOfTheFormatFound() {
        assertThat(FileFormat.PDF.nameFor("营业执照.pdf")).isEqualTo("营业执照.pdf");
        assertThat(FileFormat.PDF.nameFor("营业执照.PDF")).isEqualTo("营业执照.PDF");
        assertThat(FileFormat.PNG.nameFor("licence.pdf")).isEqualTo("licence.pdf.png");
        assertThat(FileFormat.JPEG.nameFor("photo.jpeg")).isEqualTo("photo.jpeg");
        assertThat(FileFormat.DOCX.nameFor("plan")).isEqualTo("plan.docx");
    }

    @Test
    void theSha256IsThatOfTheWholeFile(@TempDir Path dir) throws Exception {
        byte[] content = "一企一档 attachment".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("f");
        Files.write(file, content);
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(Attachments.sha256(file)).isEqualTo(expected);
    }
}
