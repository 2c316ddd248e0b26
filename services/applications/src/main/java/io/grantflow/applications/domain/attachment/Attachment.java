package io.grantflow.applications.domain.attachment;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A file kept with an application: what it is, its format as its content showed it, its size and
 * SHA-256 (hex, lower case), in {@code chunks} pieces of the store.
 */
public record Attachment(
        UUID id,
        UUID applicationId,
        DocumentType type,
        String fileName,
        FileFormat format,
        long size,
        String sha256,
        int chunks,
        String uploadedBy,
        Instant uploadedAt) {
    public Attachment {
        if (size <= 0) {
            throw new IllegalArgumentException("an attachment has content");
        }
        if (sha256 == null || !sha256.matches("^[0-9a-f]{64}$")) {
            throw new IllegalArgumentException("a SHA-256 is 64 lower-case hex digits");
        }
    }

    /** The name it is downloaded under: its own, with its format's extension where the name says another. */
    public String downloadName() {
        return format.nameFor(fileName);
    }

    public static String hex(byte[] digest) {
        StringBuilder s = new StringBuilder(digest.length * 2);
        for (byte b : digest) {
            s.append(String.format(Locale.ROOT, "%02x", b));
        }
        return s.toString();
    }
}
