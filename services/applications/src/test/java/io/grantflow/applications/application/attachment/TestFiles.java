package io.grantflow.applications.application.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real files of each format, written by ImageIO and Apache POI (never by the code under test). */
public final class TestFiles {
    private TestFiles() {}

    public static byte[] pdf() {
        return ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                        + "trailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xC0FFEE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    public static byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("项目申报书 / project application");
            doc.write(out);
            return out.toByteArray();
        }
    }

    public static byte[] xlsx() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("财务").createRow(0).createCell(0).setCellValue(1000000);
            book.write(out);
            return out.toByteArray();
        }
    }

    public static byte[] pptx() throws IOException {
        try (XMLSlideShow show = new XMLSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            show.createSlide();
            show.write(out);
            return out.toByteArray();
        }
    }

    public static byte[] xls() throws IOException {
        try (HSSFWorkbook book = new HSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("财务").createRow(0).createCell(0).setCellValue("营业收入");
            book.write(out);
            return out.toByteArray();
        }
    }

    /** An OLE2 compound file with the given streams (what a legacy Office file is made of). */
    public static byte[] ole2(String... streams) throws IOException {
        return ole2(64, streams);
    }

    public static byte[] ole2(int streamBytes, String... streams) throws IOException {
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

    public static byte[] zip(String... entries) throws IOException {
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

    public static byte[] exe() {
        byte[] exe = new byte[4096];
        new Random(7).nextBytes(exe);
        exe[0] = 'M';
        exe[1] = 'Z';
        return exe;
    }
}
