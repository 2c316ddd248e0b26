package io.grantflow.applications.domain.attachment;

import java.util.Locale;
import java.util.Set;

/** The file formats an attachment may have, as its content shows them (never its name). */
public enum FileFormat {
    PDF("application/pdf", "pdf", Set.of("pdf")),
    PNG("image/png", "png", Set.of("png")),
    JPEG("image/jpeg", "jpg", Set.of("jpg", "jpeg", "jpe", "jfif")),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", Set.of("docx")),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", Set.of("xlsx")),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", Set.of("pptx")),
    DOC("application/msword", "doc", Set.of("doc")),
    XLS("application/vnd.ms-excel", "xls", Set.of("xls"));

    private final String mediaType;
    private final String extension;
    private final Set<String> extensions;

    FileFormat(String mediaType, String extension, Set<String> extensions) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.extensions = extensions;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The extension a file of this format is given when its own name says another. */
    public String extension() {
        return extension;
    }

    /**
     * {@code fileName} with an extension of this format: kept when it already has one, else
     * this format's appended (a PNG named {@code licence.pdf} is downloaded as {@code licence.pdf.png}),
     * so that no reader opens the bytes with the program the name suggests.
     */
    public String nameFor(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String given = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return extensions.contains(given) ? fileName : fileName + "." + extension;
    }
}
