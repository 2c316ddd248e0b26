package io.grantflow.applications.application.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.applications.domain.attachment.FileFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
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

    static byte[] pdf() {
        return ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                        + "trailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xC0FFEE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    static byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("项目申报书 / project application");
            doc.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("财务").createRow(0).createCell(0).setCellValue(1000000);
            book.write(out);
            return out.toByteArray();
        }
    }

    static byte[] pptx() throws IOException {
        try (XMLSlideShow show = new XMLSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            show.createSlide();
            show.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xls() throws IOException {
        try (HSSFWorkbook book = new HSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("财务").createRow(0).createCell(0).setCellValue("营业收入");
            book.write(out);
            return out.toByteArray();
        }
    }

    /** An OLE2 compound file with the given streams (what a legacy Office file is made of). */
    static byte[] ole2(String... streams) throws IOException {
        return ole2(64, streams);
    }

    static byte[] ole2(int streamBytes, String... streams) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String name : streams) {
                byte[] content = new byte[streamBytes];
                new Random(name.hashCode()).nextBytes(content);
                fs.createDocument(new ByteArrayInputStream(content), name);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry(entries[i]));
                zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] exe() {
        byte[] exe = new byte[4096];
        new Random(7).nextBytes(exe);
        exe[0] = 'M';
        exe[1] = 'Z';
        return exe;
    }

    @Test
    void everyAcceptedFormatIsRecognisedByItsContentWhateverItsName() throws IOException {
        assertThat(accepted(file("a.pdf", pdf()))).isEqualTo(FileFormat.PDF);
        assertThat(accepted(file("scan.jpg", image("png")))).isEqualTo(FileFormat.PNG);
        assertThat(accepted(file("photo", image("jpg")))).isEqualTo(FileFormat.JPEG);
        assertThat(accepted(file("plan.pdf", docx()))).isEqualTo(FileFormat.DOCX);
        assertThat(accepted(file("statement.zip", xlsx()))).isEqualTo(FileFormat.XLSX);
        assertThat(accepted(file("slides.docx", pptx()))).isEqualTo(FileFormat.PPTX);
        assertThat(accepted(file("accounts.doc", xls()))).isEqualTo(FileFormat.XLS);
        assertThat(accepted(file("report.xls", ole2("WordDocument", "1Table")))).isEqualTo(FileFormat.DOC);
        assertThat(accepted(file("book97", ole2("Book")))).isEqualTo(FileFormat.XLS);
    }

    @Test
    void aLegacyFileLargerThanTheFirstHundredAndNineFatSectorsIsReadThroughItsDifat() throws IOException {
        // 109 FAT sectors of 512 bytes map about 7 MB; beyond that the FAT is found through the DIFAT chain
        byte[] big = ole2(9 * 1024 * 1024, "WordDocument");
        assertThat(big.length).isGreaterThan(8 * 1024 * 1024);
        assertThat(accepted(file("big.doc", big))).isEqualTo(FileFormat.DOC);
    }

    @Test
    void aProgramIsRefusedWhateverItsNameSays() throws IOException {
        assertThat(refused(file("licence.pdf", exe())).code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        byte[] elf = Arrays.copyOf(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}, 512);
        assertThat(refused(file("report.docx", elf)).code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("licence.pdf", exe())).reason().en()).contains("executable");
    }

    @Test
    void otherFormatsAndArchivesAreRefused() throws IOException {
        assertThat(refused(file("a.pdf", image("gif"))).code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("a.pdf", image("bmp"))).code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("a.docx", zip("readme.txt", "hello", "virus.exe", "MZ")))
                        .code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        // an OOXML package of another kind (a template declares another main part)
        assertThat(refused(file(
                                "a.docx",
                                zip(
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
                                zip(
                                        "[Content_Types].xml",
                                        "<Types><Override ContentType=\"application/vnd.openxmlformats-officedocument"
                                                + ".spreadsheetml.sheet.main+xml\"/></Types>")))
                        .code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("slides.ppt", ole2("PowerPoint Document")))
                        .reason()
                        .en())
                .contains("pptx");
        assertThat(refused(file("mail.doc", ole2("__substg1.0_0037001F"))).code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("notes.pdf", "just some text\n".getBytes(StandardCharsets.UTF_8)))
                        .code())
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(refused(file("empty.pdf", new byte[0])).code()).isEqualTo("EMPTY_FILE");
    }

    @Test
    void macroEnabledAndPasswordProtectedDocumentsAreRefused() throws IOException {
        byte[] docm = zip(
                "[Content_Types].xml",
                "<Types><Override ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>",
                "word/document.xml",
                "<w:document/>",
                "word/vbaProject.bin",
                "VBA");
        assertThat(refused(file("a.docx", docm)).code()).isEqualTo("MACRO_DOCUMENT");
        byte[] hidden = zip(
                "[Content_Types].xml",
                "<Types><Override ContentType=\"" + "application/vnd.openxmlformats-officedocument"
                        + ".wordprocessingml.document.main+xml\"/></Types>",
                "word/document.xml",
                "<w:document/>",
                "word/vbaProject.bin",
                "VBA");
        assertThat(refused(file("b.docx", hidden)).code()).isEqualTo("MACRO_DOCUMENT");
        assertThat(refused(file("c.xls", ole2("Workbook", "_VBA_PROJECT_CUR"))).code())
                .isEqualTo("MACRO_DOCUMENT");
        assertThat(refused(file("d.doc", ole2("WordDocument", "Macros"))).code())
                .isEqualTo("MACRO_DOCUMENT");
        // a password-protected docx or xlsx is an OLE2 file holding the encrypted package
        assertThat(refused(file("e.docx", ole2("EncryptionInfo", "EncryptedPackage")))
                        .code())
                .isEqualTo("ENCRYPTED_DOCUMENT");
    }

    @Test
    void aCutOffOrDamagedFileIsRefused() throws IOException {
        byte[] pdf = pdf();
        assertThat(refused(file("cut.pdf", Arrays.copyOf(pdf, pdf.length - 8))).code())
                .isEqualTo("INCOMPLETE_FILE");
        byte[] png = image("png");
        assertThat(refused(file("cut.png", Arrays.copyOf(png, png.length - 4))).code())
                .isEqualTo("INCOMPLETE_FILE");
        byte[] jpeg = image("jpg");
        assertThat(refused(file("cut.jpg", Arrays.copyOf(jpeg, jpeg.length - 2)))
                        .code())
                .isEqualTo("INCOMPLETE_FILE");
        byte[] docx = docx();
        assertThat(refused(file("cut.docx", Arrays.copyOf(docx, docx.length / 2)))
                        .code())
                .isEqualTo("DAMAGED_FILE");
        byte[] xls = xls();
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
