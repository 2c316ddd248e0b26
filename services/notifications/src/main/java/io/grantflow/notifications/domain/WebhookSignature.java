package io.grantflow.notifications.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification writes them: the signed content is
 * {@code {webhook-id}.{webhook-timestamp}.{body}}, signed with HMAC-SHA256 under the secret's
 * base64-decoded bytes (the part after {@code whsec_}), and sent as {@code v1,<base64>}; several
 * signatures (a secret and its predecessor during a rotation) are separated by spaces.
 */
public final class WebhookSignature {
    private WebhookSignature() {}

    public static final String SECRET_PREFIX = "whsec_";
    /** 32 random bytes: HMAC-SHA256's block of key material, as the specification recommends (24 to 64). */
    public static final int SECRET_BYTES = 32;

    private static final String VERSION = "v1,";

    /** A new secret: {@code whsec_} and the base64 of {@link #SECRET_BYTES} random bytes. */
    public static String newSecret(SecureRandom random) {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** One signature, {@code v1,<base64>}. */
    public static String sign(String secret, String id, long timestamp, String body) {
        Objects.requireNonNull(body, "body");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The {@code webhook-signature} header: one signature per secret, space-separated. */
    public static String header(List<String> secrets, String id, long timestamp, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no secret to sign with");
        }
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            signatures.add(sign(secret, id, timestamp, body));
        }
        return String.join(" ", signatures);
    }

    /**
     * Whether the header holds a valid signature of the content under the secret, compared in
     * constant time (what a receiver does; the timestamp's tolerance is the receiver's to check).
     */
    public static boolean verify(String secret, String id, long timestamp, String body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String candidate : header.trim().split(" +")) {
            found |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return found;
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a secret starts with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }
}
