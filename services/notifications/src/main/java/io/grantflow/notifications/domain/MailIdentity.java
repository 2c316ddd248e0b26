package io.grantflow.notifications.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Message-ID of a notice's e-mail, derived from (event, recipient, channel) alone: a send
 * repeated after a crash carries the same one, so the mailbox, the relay and the reader's client
 * can all tell it is the same message (ADR 0028).
 */
public final class MailIdentity {
    private MailIdentity() {}

    /** The domain part: ours, so that no other sender's ids can collide with these. */
    public static final String DOMAIN = "notifications.grantflow";

    public static String messageId(String eventId, Recipient recipient, String channel) {
        if (eventId == null || eventId.isBlank() || channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("a message id needs an event and a channel");
        }
        // the parts are joined with a separator none of them may hold unescaped, then hashed:
        // the id stays short and reveals neither the enterprise nor the event
        String key = String.join("\n", eventId, recipient.kind().name(), recipient.id(), channel);
        return "<" + sha256(key).substring(0, 40) + "." + channel + "@" + DOMAIN + ">";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
