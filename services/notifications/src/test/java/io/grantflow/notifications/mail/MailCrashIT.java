package io.grantflow.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.TopicList;
import io.grantflow.notifications.domain.MailIdentity;
import io.grantflow.notifications.domain.Recipient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly one e-mail per notice when the service dies between the SMTP send and its record (issue
 * #11, point 9; ADR 0028). The packaged service runs as a process of its own, on a schema of its
 * own in the test database, its own topics and consumer groups, and real GreenMail: the first
 * instance halts right after GreenMail took the mail (the test hook), the second finds the mail
 * "about to send", sees it in GreenMail's mailbox by its Message-ID and records it sent without
 * sending it again.
 */
class MailCrashIT {
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/notifications_test";
    private static final String SCHEMA = "mail_crash_it";
    private static final String KAFKA = "127.0.0.1:9092";
    private static final String GREENMAIL_API = "http://127.0.0.1:8025";
    private static final int PORT = 18985;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String prefix = "mailcrashit." + UUID.randomUUID().toString().substring(0, 8) + ".";
    private Process running;

    private static Connection db() throws Exception {
        return DriverManager.getConnection(JDBC + "?currentSchema=" + SCHEMA, "notifications", "notifications");
    }

    @BeforeEach
    void ownSchemaAndTopics() throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC, "notifications", "notifications");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        // topics of its own: the instance must not consume the events the other tests send
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.createTopics(TopicList.bundled().entrySet().stream()
                            .map(t -> new NewTopic(prefix + t.getKey(), 1, (short) 1)
                                    .configs(TopicList.configOf(t.getKey())))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (Connection c = DriverManager.getConnection(JDBC, "notifications", "notifications");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.deleteTopics(TopicList.bundled().keySet().stream()
                            .map(t -> prefix + t)
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    private Process start(boolean crashAfterSend, Path log) throws Exception {
        return start(crashAfterSend, "greenmail", log);
    }

    private Process start(boolean crashAfterSend, String deliveredCheck, Path log) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("the packaged service (mvn package)").exists();
        Files.createDirectories(log.getParent());
        ProcessBuilder b = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx192m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Dquarkus.http.port=" + PORT,
                        "-Dquarkus.management.port=" + (PORT + 1000),
                        "-jar",
                        jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = b.environment();
        env.put("DB_REACTIVE_URL", "postgresql://127.0.0.1:5432/notifications_test?search_path=" + SCHEMA);
        env.put("DB_JDBC_URL", JDBC + "?currentSchema=" + SCHEMA);
        env.put("TOPIC_PREFIX", prefix);
        env.put("GROUP_PREFIX", prefix);
        env.put("GRANTFLOW_MAIL_CRASH_AFTER_SEND_FOR_TEST", Boolean.toString(crashAfterSend));
        env.put("GRANTFLOW_MAIL_DELIVERED_CHECK", deliveredCheck);
        env.put("GRANTFLOW_MAIL_GREENMAIL_API_URL", GREENMAIL_API);
        // the crashed instance's claim is free again soon, and a retry comes fast
        env.put("GRANTFLOW_MAIL_LEASE", "2s");
        env.put("GRANTFLOW_MAIL_RETRY_BASE", "1s");
        return b.start();
    }

    private static void awaitLive(Process p, Path log) {
        Awaitility.await("the service live (log " + log + ")")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("the service exited " + p.exitValue() + ": see " + log);
                    }
                    try {
                        return HTTP.send(
                                                HttpRequest.newBuilder(URI.create(
                                                                "http://127.0.0.1:" + (PORT + 1000) + "/q/health/live"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** How many messages with this Message-ID GreenMail holds for the address. */
    private static int inMailbox(String address, String messageId) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(GREENMAIL_API + "/api/user/" + address + "/messages/INBOX/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return 0;
        }
        int n = 0;
        for (JsonNode m : JSON.readTree(r.body())) {
            if (messageId.equals(m.path("Message-ID").asText())) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, Object> mailRow(UUID id) throws Exception {
        try (Connection c = db();
                PreparedStatement s = c.prepareStatement(
                        "SELECT status, send_started_at IS NOT NULL, attempts FROM outgoing_mail WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                Map<String, Object> out = new HashMap<>();
                out.put("status", r.getString(1));
                out.put("begun", r.getBoolean(2));
                out.put("attempts", r.getInt(3));
                return out;
            }
        }
    }

    /** A notice's mail, as WriteNotices writes it; returns its row id. */
    private static UUID queueMail(String eventId, Recipient enterprise, String address, String messageId)
            throws Exception {
        UUID noticeId = UUID.randomUUID();
        UUID mailId = UUID.randomUUID();
        try (Connection c = db()) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO notice (id, recipient_kind, recipient_id, event_type, template, title_zh, title_en,
                            body_zh, body_en, source_event_id, in_inbox, live, created_at)
                    VALUES (?, 'ENTERPRISE', ?, 'application.status_changed', 'enterprise/SUBMITTED',
                            '申报已提交', 'Application submitted', '正文', 'Body', ?, true, true, now())""")) {
                s.setObject(1, noticeId);
                s.setString(2, enterprise.id());
                s.setString(3, eventId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO outgoing_mail (id, notice_id, to_address, subject, body, status, attempts, created_at,
                            next_attempt_at, window_start, message_id)
                    VALUES (?, ?, ?, '申报已提交 / Application submitted', '正文 / Body', 'PENDING', 0, now(), now(),
                            now(), ?)""")) {
                s.setObject(1, mailId);
                s.setObject(2, noticeId);
                s.setString(3, address);
                s.setString(4, messageId);
                s.executeUpdate();
            }
        }
        return mailId;
    }

    /** Runs the crash: the first instance sends and halts; returns the mail's row id. */
    private UUID crashAfterSending(String address, String messageId, String eventId, Path firstLog) throws Exception {
        running = start(true, firstLog);
        awaitLive(running, firstLog);
        UUID mailId = queueMail(eventId, Recipient.enterprise("91320214CRASH0IT01"), address, messageId);
        // the hook halts the process right after GreenMail took the mail
        assertThat(running.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the first instance halted")
                .isTrue();
        assertThat(running.exitValue())
                .as("halted by the test hook (log " + firstLog + ")")
                .isEqualTo(3);
        assertThat(inMailbox(address, messageId))
                .as("the mail reached GreenMail")
                .isEqualTo(1);
        assertThat(mailRow(mailId))
                .as("the row still says: about to send, not sent")
                .containsEntry("status", "PENDING")
                .containsEntry("begun", true);
        return mailId;
    }

    private static Path log(String name) throws Exception {
        Path log = Path.of("target/service-logs").toAbsolutePath().resolve(name);
        Files.deleteIfExists(log);
        return log;
    }

    @Test
    void aMailSentJustBeforeACrashIsNotSentAgainAfterTheRestart() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String messageId = MailIdentity.messageId(eventId, Recipient.enterprise("91320214CRASH0IT01"), "email");
        String address = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "@enterprise.test";
        UUID mailId = crashAfterSending(address, messageId, eventId, log("notifications-crash-1.log"));

        Path secondLog = log("notifications-crash-2.log");
        running = start(false, secondLog);
        Awaitility.await("the restarted sender records the mail sent")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "SENT".equals(mailRow(mailId).get("status")));
        Thread.sleep(2000); // a second copy, were one sent, would be in GreenMail by now
        assertThat(inMailbox(address, messageId))
                .as("exactly one message with that Message-ID")
                .isEqualTo(1);
        assertThat(Files.readString(secondLog)).contains("was delivered before a crash");
    }

    /**
     * Without a mailbox to ask (production's {@code none}), the restart sends again, and the copy
     * carries the same Message-ID: what a relay or the reader's system needs to drop it. This is
     * also what the test above would see if the check did nothing.
     */
    @Test
    void withoutAMailboxToAskTheResendCarriesTheSameMessageId() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String messageId = MailIdentity.messageId(eventId, Recipient.enterprise("91320214CRASH0IT01"), "email");
        String address = "crash-none-" + UUID.randomUUID().toString().substring(0, 8) + "@enterprise.test";
        UUID mailId = crashAfterSending(address, messageId, eventId, log("notifications-crash-none-1.log"));

        running = start(false, "none", log("notifications-crash-none-2.log"));
        Awaitility.await("the restarted sender records the mail sent")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "SENT".equals(mailRow(mailId).get("status")));
        assertThat(inMailbox(address, messageId))
                .as("two copies, one Message-ID")
                .isEqualTo(2);
    }
}
