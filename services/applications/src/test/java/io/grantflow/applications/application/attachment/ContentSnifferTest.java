package io.grantflow.applications.application.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.applications.domain.attachment.FileFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format of a file is told by its content: real files of every accepted format (written by
 * ImageIO and Apache POI, not by the code under test) are recognised whatever their name, and
 * programs, archives, macro-enabled, password-protected, cut-off and damaged files are refused.
 */
class ContentSnifferTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, content);
        return path;
    }

    private static FileFormat accepted(Path file) throws IOException {
        ContentSniffer.Verdict verdict = ContentSniffer.sniff(file);
        assertThat(verdict).as(file.getFileName().toString()).isInstanceOf(ContentSniffer.Accepted.class);
        return ((ContentSniffer.Accepted) verdict).format();
    }

    private static ContentSniffer.Refused refused(Path file) throws IOException {
        ContentSniffer.Verdict verdict = ContentSniffer.sniff(file);
        assertThat(verdict).as(file.getFileName().toString()).isInstanceOf(ContentSniffer.Refused.class);
        ContentSniffer.Refused refused = (ContentSniffer.Refused) verdict;
        assertThat(refused.reason().zh()).isNotBlank().doesNotContain(" / ");
        assertThat(refused.reason().en()).isNotBlank().doesNotContain(" / ");
        return refused;
    }

    @Test
    void everyAcceptedFormatIsRecognisedByItsContentWhateverItsName() throws IOException {
        assertThat(accepted(file("a.pdf", TestFiles.pdf()))).isEqualTo(FileFormat.PDF);
        assertThat(accepted(file("scan.jpg", TestFiles.image("png")))).isEqualTo(FileFormat.PNG);
        assertThat(accepted(file("photo", TestFiles.image("jpg")))).isEqualTo(FileFormat.JPEG);
        assertThat(accepted(file("plan.pdf", TestFiles.docx()))).isEqualTo(FileFormat.DOCX);
        assertThat(accepted(file("statement.zip", TestFiles.xlsx()))).isEqualTo(FileFormat.XLSX);
        assertThat(accepted(file("slides.docx", TestFiles.pptx()))).isEqualTo(FileFormat.PPTX);
        assertThat(accepted(file("accounts.doc", TestFiles.xls()))).isEqualTo(FileFormat.XLS);
        assertThat(accepted(file("report.xls", TestFiles.ole2("WordDocument", "1Table"))))
                .isEqualTo(FileFormat.DOC);
        assertThat(accepted(file("book97", TestFiles.ole2("Book")))).isEqualTo(FileFormat.XLS);
    }

    @Test
    void aLegacyFileLargerThanTheFirstHundredAndNineFatSectorsIsReadThroughItsDifat() throws IOException {
        // 109 FAT sectors of 512 bytes map about 7 MB; beyond that the FAT is found through the DIFAT chain
        byte[] big = TestFiles.ole2(9 * 1024 * 1024, "WordDocument");
        assertThat(big.length).isGreaterThan(8 * 1024 * 1024);
        assertThat(accepted(file("big.doc", big))).isEqualTo(FileFormat.DOC);
    }

    @Test
    void aProgramIsRefusedWhateverItsNameSays() throws IOException {
        assertThat(refused(file("licence.pdf", TestFiles.exe())).code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        byte[] elf = Arrays.copyOf(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}, 512);
        assertThat(refused(file("report.docx", elf)).code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("licence.pdf", TestFiles.exe())).reason().en()).contains("executable");
    }

    @Test
    void otherFormatsAndArchivesAreRefused() throws IOException {
        assertThat(refused(file("a.pdf", TestFiles.image("gif"))).code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("a.pdf", TestFiles.image("bmp"))).code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("a.docx", TestFiles.zip("readme.txt", "hello", "virus.exe", "MZ")))
                        .code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        // an OOXML package of another kind (a template declares another main part)
        assertThat(refused(file(
                                "a.docx",
                                TestFiles.zip(
                                        "[Content_Types].xml",
                                        "<Types><Override ContentType=\"application/vnd.openxmlformats-officedocument"
                                                + ".wordprocessingml.template.main+xml\"/></Types>",
                                        "word/document.xml",
                                        "<w:document/>")))
                        .code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        // a declared main part that is not there
        assertThat(refused(file(
                                "a.xlsx",
                                TestFiles.zip(
                                        "[Content_Types].xml",
                                        "<Types><Override ContentType=\"application/vnd.openxmlformats-officedocument"
                                                + ".spreadsheetml.sheet.main+xml\"/></Types>")))
                        .code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("slides.ppt", TestFiles.ole2("PowerPoint Document")))
                        .reason()
                        .en())
                .contains("pptx");
        assertThat(refused(file("mail.doc", TestFiles.ole2("__substg1.0_0037001F")))
                        .code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("notes.pdf", "just some text\n".getBytes(StandardCharsets.UTF_8)))
                        .code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("empty.pdf", new byte[0])).code()).isEqualTo("EMPTY_FILE");
    }

    @Test
    void macroEnabledAndPasswordProtectedDocumentsAreRefused() throws IOException {
        byte[] docm = TestFiles.zip(
                "[Content_Types].xml",
                "<Types><Override ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>",
                "word/document.xml",
                "<w:document/>",
                "word/vbaProject.bin",
                "VBA");
        assertThat(refused(file("a.docx", docm)).code()).isEqualTo("MACRO_DOCUMENT");
        byte[] hidden = TestFiles.zip(
                "[Content_Types].xml",
                "<Types><Override ContentType=\"" + "application/vnd.openxmlformats-officedocument"
                        + ".wordprocessingml.document.main+xml\"/></Types>",
                "word/document.xml",
                "<w:document/>",
                "word/vbaProject.bin",
                "VBA");
        assertThat(refused(file("b.docx", hidden)).code()).isEqualTo("MACRO_DOCUMENT");
        assertThat(refused(file("c.xls", TestFiles.ole2("Workbook", "_VBA_PROJECT_CUR")))
                        .code())
                .isEqualTo("MACRO_DOCUMENT");
        assertThat(refused(file("d.doc", TestFiles.ole2("WordDocument", "Macros")))
                        .code())
                .isEqualTo("MACRO_DOCUMENT");
        // a password-protected docx or xlsx is an OLE2 file holding the encrypted package
        assertThat(refused(file("e.docx", TestFiles.ole2("EncryptionInfo", "EncryptedPackage")))
                        .code())
                .isEqualTo("ENCRYPTED_DOCUMENT");
    }

    @Test
    void aCutOffOrDamagedFileIsRefused() throws IOException {
        byte[] pdf = TestFiles.pdf();
        assertThat(refused(file("cut.pdf", Arrays.copyOf(pdf, pdf.length - 8))).code())
                .isEqualTo("INCOMPLETE_FILE");
        byte[] png = TestFiles.image("png");
        assertThat(refused(file("cut.png", Arrays.copyOf(png, png.length - 4))).code())
                .isEqualTo("INCOMPLETE_FILE");
        byte[] jpeg = TestFiles.image("jpg");
        assertThat(refused(file("cut.jpg", Arrays.copyOf(jpeg, jpeg.length - 2)))
                        .code())
                .isEqualTo("INCOMPLETE_FILE");
        byte[] docx = TestFiles.docx();
        assertThat(refused(file("cut.docx", Arrays.copyOf(docx, docx.length / 2)))
                        .code())
                .isEqualTo("DAMAGED_FILE");
        byte[] xls = TestFiles.xls();
        assertThat(refused(file("cut.xls", Arrays.copyOf(xls, 600))).code()).isEqualTo("DAMAGED_FILE");
        byte[] pngHeaderOnly = Arrays.copyOf(png, 12);
        assertThat(refused(file("head.png", pngHeaderOnly)).code()).isEqualTo("DAMAGED_FILE");
    }

    @Test
    void theContentTypesPartIsReadOnlyUpToItsBound() throws IOException {
        Path bomb = dir.resolve("bomb.docx");
        try (OutputStream raw = Files.newOutputStream(bomb);
                ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            byte[] spaces = new byte[1024 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                zip.write(spaces); // 64 MB of spaces compress to a few hundred kilobytes
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(1024 * 1024);
        assertThat(refused(bomb).code()).isEqualTo("DAMAGED_FILE");
    }
}
