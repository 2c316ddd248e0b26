package io.grantflow.notifications.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.notifications.config.MailConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Whether a mail whose send began and was never recorded already reached the mailbox (ADR 0028).
 * With GreenMail (local runs, tests) its API is asked by Message-ID. With a production relay
 * nothing can be asked: the mail goes again with the same Message-ID, and the relay's or the
 * reader's deduplication by Message-ID is what is assumed.
 */
@ApplicationScoped
public class MailboxCheck {
    private static final Logger LOG = Logger.getLogger(MailboxCheck.class);

    private final MailConfig config;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public MailboxCheck(MailConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * Whether the mailbox holds the message: true, false, or null when it could not be asked (the
     * sender then tries later rather than risk a second copy).
     */
    public Boolean delivered(String to, String messageId) {
        if (!"greenmail".equals(config.deliveredCheck())) {
            return false;
        }
        String url = config.greenmailApiUrl() + "/api/user/" + URLEncoder.encode(to, StandardCharsets.UTF_8)
                + "/messages/INBOX/";
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                // GreenMail answers 400 for a mailbox that never received anything
                return false;
            }
            for (JsonNode m : json.readTree(r.body())) {
                if (messageId.equals(m.path("Message-ID").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            LOG.warnf("mailbox check of %s failed, tried later: %s", messageId, e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
