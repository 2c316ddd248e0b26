package io.grantflow.applications.application.attachment;

import io.grantflow.applications.domain.attachment.FileFormat;
import io.grantflow.platform.text.Bilingual;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Tells a file's format from its content alone, never from its name or declared type: the
 * leading bytes of PDF, PNG and JPEG (with their end markers, so a cut-off upload is noticed),
 * the parts of an OOXML package (docx, xlsx, pptx: a ZIP whose {@code [Content_Types].xml}
 * declares the main part, which is present), and the directory of an OLE2 compound file (legacy
 * doc and xls, read by Apache POI). Macro-enabled and password-protected documents are refused:
 * a reviewer cannot open them safely. Nothing is decompressed but the content-types part, at most
 * {@link #CONTENT_TYPES_MAX} bytes of it.
 */
public final class ContentSniffer {
    /** The largest {@code [Content_Types].xml} read; real ones have a few kilobytes. */
    static final int CONTENT_TYPES_MAX = 256 * 1024;
    /** Parts of a ZIP at most: a real document has dozens, a file of tiny entries is no document. */
    static final int MAX_ZIP_ENTRIES = 10_000;

    private static final int TAIL = 1024;
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF_END = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PNG_IHDR = {0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final byte[] PNG_IEND = {'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] JPEG_END = {(byte) 0xFF, (byte) 0xD9};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    private static final byte[] EXE = {'M', 'Z'};
    private static final byte[] ELF = {0x7F, 'E', 'L', 'F'};

    private static final String DOCX_MAIN =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String XLSX_MAIN =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final String PPTX_MAIN =
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    private static final String MACRO_ENABLED = "macroenabled";

    private ContentSniffer() {}

    /** What the content is: a format, or why it is refused. */
    public sealed interface Verdict {}

    /** An accepted format. */
    public record Accepted(FileFormat format) implements Verdict {}

    /** A refusal: a stable code and the reason in both languages. */
    public record Refused(String code, Bilingual reason) implements Verdict {}

    public static Verdict sniff(Path file) throws IOException {
        byte[] head;
        byte[] tail;
        long size;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            size = in.length();
            if (size == 0) {
                return refused("EMPTY_FILE", "文件为空", "the file is empty");
            }
            head = new byte[(int) Math.min(16, size)];
            in.readFully(head);
            tail = new byte[(int) Math.min(TAIL, size)];
            in.seek(size - tail.length);
            in.readFully(tail);
        }
        if (startsWith(head, PDF)) {
            return contains(tail, PDF_END)
                    ? new Accepted(FileFormat.PDF)
                    : truncated("PDF 文件不完整（缺少结尾标记 %%EOF）", "the PDF is incomplete (no %%EOF at its end)");
        }
        if (startsWith(head, PNG)) {
            if (head.length < 16 || !Arrays.equals(head, 8, 16, PNG_IHDR, 0, PNG_IHDR.length)) {
                return damaged("PNG 图片已损坏（缺少 IHDR）", "the PNG image is damaged (no IHDR header)");
            }
            return endsWith(tail, PNG_IEND)
                    ? new Accepted(FileFormat.PNG)
                    : truncated("PNG 图片不完整（缺少 IEND）", "the PNG image is incomplete (no IEND chunk)");
        }
        if (startsWith(head, JPEG)) {
            return contains(tail, JPEG_END)
                    ? new Accepted(FileFormat.JPEG)
                    : truncated("JPEG 图片不完整（缺少结束标记）", "the JPEG image is incomplete (no end-of-image marker)");
        }
        if (startsWith(head, ZIP)) {
            return ooxml(file);
        }
        if (startsWith(head, OLE2)) {
            return ole2(file);
        }
        if (startsWith(head, EXE) || startsWith(head, ELF)) {
            return unsupported("这是可执行程序，不是文档", "this is an executable program, not a document");
        }
        return unsupported("无法识别的文件格式", "an unrecognised file format");
    }

    /** An OOXML package: a ZIP whose content types declare the main part of a docx, xlsx or pptx, which is there. */
    private static Verdict ooxml(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ZIP_ENTRIES) {
                return unsupported("压缩包条目过多，不是 Office 文档", "too many parts for an Office document");
            }
            Set<String> names = new HashSet<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
            if (names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin"))) {
                return macros();
            }
            ZipEntry types = zip.getEntry("[Content_Types].xml");
            if (types == null) {
                return unsupported(
                        "这是普通压缩包，不是 Office 文档；请直接上传文档",
                        "this is an archive, not an Office document; upload the document itself");
            }
            String declared;
            try (InputStream in = zip.getInputStream(types)) {
                byte[] bytes = in.readNBytes(CONTENT_TYPES_MAX + 1);
                if (bytes.length > CONTENT_TYPES_MAX) {
                    return damaged("Office 文档结构异常", "the Office document's structure is not valid");
                }
                declared = new String(bytes, StandardCharsets.UTF_8);
            }
            if (declared.toLowerCase(Locale.ROOT).contains(MACRO_ENABLED)) {
                return macros();
            }
            if (declared.contains(DOCX_MAIN) && names.contains("word/document.xml")) {
                return new Accepted(FileFormat.DOCX);
            }
            if (declared.contains(XLSX_MAIN) && names.contains("xl/workbook.xml")) {
                return new Accepted(FileFormat.XLSX);
            }
            if (declared.contains(PPTX_MAIN) && names.contains("ppt/presentation.xml")) {
                return new Accepted(FileFormat.PPTX);
            }
            return unsupported(
                    "不是 Word、Excel 或 PowerPoint 文档（docx、xlsx、pptx）",
                    "not a Word, Excel or PowerPoint document (docx, xlsx, pptx)");
        } catch (ZipException e) {
            return damaged("压缩结构损坏", "the file's ZIP structure is damaged");
        } catch (IOException | RuntimeException e) {
            return damaged("文件无法读取", "the file cannot be read");
        }
    }

    /** A legacy Office file: an OLE2 compound file whose directory holds a Word document or an Excel workbook. */
    private static Verdict ole2(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            Set<String> names = fs.getRoot().getEntryNames();
            if (names.contains("EncryptionInfo") || names.contains("EncryptedPackage")) {
                return new Refused(
                        "ENCRYPTED_DOCUMENT",
                        Bilingual.of(
                                "文档设有打开密码，审核人员无法查看；请取消密码后上传",
                                "the document is password-protected and reviewers cannot open it; remove the password"));
            }
            if (names.contains("Macros") || names.contains("_VBA_PROJECT_CUR") || names.contains("_VBA_PROJECT")) {
                return macros();
            }
            if (names.contains("WordDocument")) {
                return new Accepted(FileFormat.DOC);
            }
            if (names.contains("Workbook") || names.contains("Book")) {
                return new Accepted(FileFormat.XLS);
            }
            if (names.contains("PowerPoint Document")) {
                return unsupported(
                        "不接受旧版 PowerPoint（ppt）；请另存为 pptx", "legacy PowerPoint (ppt) is not accepted; save it as pptx");
            }
            return unsupported("不是 Word 或 Excel 文档（doc、xls）", "not a Word or Excel document (doc, xls)");
        } catch (IOException | RuntimeException e) {
            return damaged("旧版 Office 文档结构损坏", "the legacy Office document's structure is damaged");
        }
    }

    private static Refused macros() {
        return new Refused(
                "MACRO_DOCUMENT",
                Bilingual.of("不接受含宏的文档；请另存为不含宏的格式后上传", "documents with macros are not accepted; save without macros"));
    }

    private static Refused unsupported(String zh, String en) {
        return new Refused(
                "UNSUPPORTED_FILE_TYPE",
                Bilingual.of(
                        zh + "。可上传 PDF、PNG、JPEG、docx、xlsx、pptx、doc、xls",
                        en + ". Accepted: PDF, PNG, JPEG, docx, xlsx, pptx, doc, xls"));
    }

    private static Refused truncated(String zh, String en) {
        return new Refused("INCOMPLETE_FILE", Bilingual.of(zh + "；请重新上传", en + "; upload it again"));
    }

    private static Refused damaged(String zh, String en) {
        return new Refused("DAMAGED_FILE", Bilingual.of(zh, en));
    }

    private static Refused refused(String code, String zh, String en) {
        return new Refused(code, Bilingual.of(zh, en));
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean endsWith(byte[] data, byte[] suffix) {
        return data.length >= suffix.length
                && Arrays.equals(data, data.length - suffix.length, data.length, suffix, 0, suffix.length);
    }

    private static boolean contains(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
