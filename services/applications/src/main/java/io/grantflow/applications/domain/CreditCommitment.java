package io.grantflow.applications.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One released version of the credit commitment (信用承诺书) an applicant accepts with a
 * submission, in Chinese and English. {@link #sha256()} identifies the very text: the SHA-256 of
 * the Chinese text, a NUL character and the English text, in UTF-8.
 */
public record CreditCommitment(
        String version, LocalDate effectiveFrom, String titleZh, String titleEn, String textZh, String textEn) {
    /** The shape of a version. */
    public static final String VERSION_PATTERN = "^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$";

    public CreditCommitment {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (!version.matches(VERSION_PATTERN)) {
            throw new IllegalArgumentException(
                    "a commitment version is 1-32 letters, digits, dots or hyphens: " + version);
        }
        for (String text : new String[] {titleZh, titleEn, textZh, textEn}) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("commitment " + version + " needs both titles and both texts");
            }
        }
    }

    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(textZh.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(textEn.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
