package io.grantflow.notifications.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.notifications.application.NoticeStream;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The live stream as a front end reads it: server-sent events of the caller's notices; a client
 * that drops and reconnects with {@code Last-Event-ID} gets exactly the notices it missed, in
 * order, and then the live ones; none twice, none of another recipient.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class NoticeStreamIT {
    /** An enterprise of this test alone, so that its stream carries this test's notices only. */
    private static final String STREAMER = "91320214SSE0000001";

    private static final String OTHER = "91320214AY4CL12T29";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/notices/stream")
    URL streamUrl;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    /** One event as received. */
    record Event(String id, String name, JsonNode data) {}

    /** A client of the stream: reads its events into a queue until closed. */
    final class Client implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final int status;
        private final InputStream body;
        private volatile boolean reading = true;

        Client(String lastEventId, String query) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(streamUrl + query))
                    .header("Accept", "text/event-stream")
                    .GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            body = response.body();
            Thread reader = new Thread(this::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(id, name, json.readTree(data.toString())));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (Exception e) {
                // closed by the test
            } finally {
                reading = false;
            }
        }

        /** Whether the server has not ended the stream yet. */
        boolean reading() {
            return reading;
        }

        List<Event> take(int n) throws InterruptedException {
            List<Event> out = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.size() < n) {
                Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(e).as("event %d of %d", out.size() + 1, n).isNotNull();
                out.add(e);
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    private void send(UUID id, String applicant, String previous, String status, String command) throws Exception {
        ApplicationStatusChangedV1 e = new ApplicationStatusChangedV1(
                id,
                applicant,
                "S4-EDGE-COMPUTE",
                previous,
                status,
                command,
                new BigDecimal("1000"),
                null,
                null,
                null,
                null,
                null,
                Instant.now());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                id.toString(),
                MessageType.APPLICATION_STATUS_CHANGED_V1.ceType(),
                json.writeValueAsString(e),
                UUID.randomUUID().toString());
    }

    /** The streamer's notices of an application, in the stream's order, once each has its place. */
    private List<String> placed(UUID applicationId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement("SELECT id, stream_seq FROM notice WHERE application_id = ?"
                        + " AND recipient_kind = 'ENTERPRISE' AND recipient_id = '" + STREAMER
                        + "' ORDER BY stream_seq NULLS LAST")) {
            s.setObject(1, applicationId);
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    r.getLong(2);
                    out.add(r.wasNull() ? null : r.getString(1));
                }
            }
            return out;
        }
    }

    private List<String> awaitPlaced(UUID applicationId, int n) {
        return Awaitility.await("%d notices placed in the stream".formatted(n))
                .atMost(WAIT)
                .until(() -> placed(applicationId), l -> l.size() >= n && !l.contains(null));
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    @Test
    @TestSecurity(user = "ent-sse", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = STREAMER))
    void aClientThatReconnectsWithLastEventIdGetsExactlyWhatItMissedThenTheLiveOnes() throws Exception {
        UUID app = UUID.randomUUID();
        List<Event> first;
        try (Client client = new Client(null, "")) {
            assertThat(client.status).isEqualTo(200);
            send(app, STREAMER, "DRAFT", "SUBMITTED", "submit");
            send(app, OTHER, "DRAFT", "SUBMITTED", "submit"); // another enterprise's: not on this stream
            send(app, STREAMER, "SUBMITTED", "ELIGIBLE", "record_evaluation");
            first = client.take(2);
        }
        assertThat(first).extracting(Event::name).containsOnly("notice");
        assertThat(first.stream().map(e -> e.data().path("titleEn").asText()))
                .containsExactly("Application submitted", "Application eligible");
        assertThat(first.get(0).data().path("id").asText())
                .isEqualTo(first.get(0).id());
        assertThat(ids(first)).isEqualTo(awaitPlaced(app, 2).subList(0, 2));

        // offline: three notices come and are placed in the stream
        send(app, STREAMER, "ELIGIBLE", "UNDER_REVIEW", "claim");
        send(app, STREAMER, "UNDER_REVIEW", "CORRECTION_REQUESTED", "request_correction");
        send(app, STREAMER, "CORRECTION_REQUESTED", "UNDER_REVIEW", "resubmit");
        List<String> all = awaitPlaced(app, 5);

        try (Client again = new Client(first.get(1).id(), "")) {
            assertThat(again.status).isEqualTo(200);
            List<Event> missed = again.take(3);
            assertThat(ids(missed)).as("exactly the missed ones, in order").isEqualTo(all.subList(2, 5));
            assertThat(missed.stream().map(e -> e.data().path("titleEn").asText()))
                    .containsExactly("Application taken up for review", "Correction requested", "Correction received");

            send(app, STREAMER, "UNDER_REVIEW", "WITHDRAWN", "withdraw");
            List<Event> live = again.take(1);
            assertThat(live.get(0).data().path("titleEn").asText()).isEqualTo("Application withdrawn");
            assertThat(ids(live)).isEqualTo(awaitPlaced(app, 6).subList(5, 6));

            // nothing more: none twice
            assertThat(again.events.poll(2, TimeUnit.SECONDS)).isNull();
        }

        // a polling client: the missed ones after an id, then the stream ends
        try (Client poll = new Client(first.get(0).id(), "?follow=false")) {
            List<Event> replayed = poll.take(5);
            assertThat(ids(replayed)).isEqualTo(awaitPlaced(app, 6).subList(1, 6));
        }
    }

    /** {@code n} notices of the streamer for one application, written as the consumer writes them. */
    private void insertNotices(UUID applicationId, int n) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement s = c.prepareStatement("INSERT INTO notice (id, recipient_kind, recipient_id,"
                        + " event_type, application_id, status, title_zh, title_en, body_zh, body_en,"
                        + " source_event_id, created_at) VALUES (?, 'ENTERPRISE', ?, 'application.status_changed',"
                        + " ?, 'UNDER_REVIEW', '部门审核中', 'Under department review', '审核中', 'Under review', ?,"
                        + " clock_timestamp())")) {
            for (int i = 0; i < n; i++) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, STREAMER);
                s.setObject(3, applicationId);
                s.setString(4, "far-behind-" + UUID.randomUUID());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    @Test
    @TestSecurity(user = "ent-sse", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = STREAMER))
    void aClientFarBehindGetsTheReplayLimitThenResumesAfterItAndMissesNothing() throws Exception {
        UUID app = UUID.randomUUID();
        insertNotices(app, 1);
        String seen = awaitPlaced(app, 1).get(0);
        int behind = NoticeStream.REPLAY_LIMIT + 20;
        insertNotices(app, behind);
        List<String> all = awaitPlaced(app, behind + 1);

        List<Event> page;
        try (Client client = new Client(seen, "")) {
            page = client.take(NoticeStream.REPLAY_LIMIT);
            // the stream ends after the limit, before any live notice could jump the rest
            Awaitility.await("the stream ended").atMost(WAIT).until(() -> !client.reading());
            assertThat(client.events).isEmpty();
        }
        assertThat(ids(page)).isEqualTo(all.subList(1, NoticeStream.REPLAY_LIMIT + 1));

        try (Client again = new Client(page.get(page.size() - 1).id(), "")) {
            List<Event> rest = again.take(20);
            assertThat(ids(rest)).isEqualTo(all.subList(NoticeStream.REPLAY_LIMIT + 1, behind + 1));
            send(app, STREAMER, "UNDER_REVIEW", "WITHDRAWN", "withdraw");
            List<Event> live = again.take(1);
            assertThat(live.get(0).data().path("titleEn").asText()).isEqualTo("Application withdrawn");
            assertThat(again.events.poll(2, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    @TestSecurity(user = "ent-sse", roles = "enterprise")
    @OidcSecurity(claims = @Claim(key = "enterprise_id", value = STREAMER))
    void aLastEventIdThatIsNoIdIsRefusedNamingIt() {
        given().header("Last-Event-ID", "not-an-id")
                .accept("text/event-stream")
                .when()
                .get("/notices/stream?follow=false")
                .then()
                .statusCode(400)
                .body(containsString("Last-Event-ID"));
    }

    @Test
    void withoutATokenThereIsNoStream() {
        given().accept("text/event-stream").when().get("/notices/stream").then().statusCode(401);
    }
}
