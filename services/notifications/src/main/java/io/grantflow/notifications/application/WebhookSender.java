package io.grantflow.notifications.application;

import io.grantflow.notifications.config.WebhookConfig;
import io.grantflow.notifications.domain.WebhookSignature;
import io.grantflow.notifications.domain.WebhookUrls;
import io.grantflow.platform.lifecycle.Lifecycle;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.worker.RetryPolicy;
import io.grantflow.platform.worker.RowWorker;
import io.grantflow.platform.worker.WorkOutcome;
import io.grantflow.platform.worker.WorkerTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends due webhook deliveries on the platform's row worker: a POST of the stored body, signed
 * for this attempt (a new {@code webhook-timestamp}, the same {@code webhook-id}), logged with its
 * status code, error and duration. A 2xx answer delivers it; anything else is retried with the
 * configured back-off (at least a day by default) and then parked.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    public static final String WORKER = "webhooks";
    private static final int ERROR_CHARS = 500;

    private final Lifecycle lifecycle;
    private final DataSource dataSource;
    private final WebhookConfig config;
    private final RowWorker worker;
    // no redirects: a 3xx could lead the signed body off the allow-list
    private final HttpClient http;

    public WebhookSender(Lifecycle lifecycle, DataSource dataSource, WebhookConfig config, MeterRegistry registry) {
        this.lifecycle = lifecycle;
        this.dataSource = dataSource;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        WebhookConfig.Retry r = config.retry();
        this.worker = new RowWorker(
                dataSource,
                new WorkerTable(
                        WORKER, "webhook_delivery", "status = 'PENDING'", "status = 'DELIVERED', delivered_at = now()"),
                new RetryPolicy(r.base(), r.max(), r.attempts(), r.window()),
                config.batchSize(),
                // the batch is sent one after the other: the claim outlasts every attempt of it
                config.timeout().multipliedBy(config.batchSize() + 6L),
                registry,
                this::deliver);
    }

    public RowWorker worker() {
        return worker;
    }

    @Scheduled(
            every = "${grantflow.webhooks.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "webhook-sender")
    void sendDue() {
        if (lifecycle.stopping()) {
            return;
        }
        try {
            while (worker.runOnce() == config.batchSize() && !lifecycle.stopping()) {
                // a full batch: more may be due
            }
        } catch (SQLException | RuntimeException e) {
            if (!lifecycle.stopping()) {
                LOG.warnf("webhook sender will retry: %s", e.toString());
            }
        }
    }

    private record Due(String url, String payload, String secret, String previousSecret, Instant previousUntil) {}

    private WorkOutcome deliver(RowWorker.Claim claim) throws SQLException, InterruptedException {
        Optional<Due> found = load(claim);
        if (found.isEmpty()) {
            return WorkOutcome.refused("delivery or its subscription vanished");
        }
        Due due = found.get();
        // the allow-list may have shrunk since the subscription was made
        Optional<Bilingual> refusal = WebhookUrls.refusal(
                due.url(), new HashSet<>(config.allowedHosts().orElse(List.of())), config.allowLoopbackHttp());
        if (refusal.isPresent()) {
            String error = "网址不再允许 / URL no longer allowed: " + refusal.get().joined();
            logAttempt(claim, Instant.now(), null, error, 0);
            return WorkOutcome.refused(error);
        }
        Instant started = Instant.now();
        long timestamp = started.getEpochSecond();
        String id = claim.id().toString();
        List<String> secrets = new ArrayList<>();
        secrets.add(due.secret());
        if (due.previousSecret() != null
                && due.previousUntil() != null
                && due.previousUntil().isAfter(started)) {
            secrets.add(due.previousSecret());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(due.url()))
                .timeout(config.timeout())
                .header("content-type", "application/json")
                .header("user-agent", "grantflow-webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(secrets, id, timestamp, due.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(due.payload()))
                .build();
        Integer status = null;
        String error = null;
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status < 200 || status > 299) {
                error = "HTTP " + status;
            }
        } catch (IOException e) {
            error = describe(e);
        }
        int millis = (int) Math.min(
                Integer.MAX_VALUE, Duration.between(started, Instant.now()).toMillis());
        logAttempt(claim, started, status, error, millis);
        return error == null ? WorkOutcome.done() : WorkOutcome.retry(error);
    }

    private Optional<Due> load(RowWorker.Claim claim) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT s.url, d.payload, s.secret, s.previous_secret, s.previous_secret_until
                          FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                         WHERE d.id = ?""")) {
            s.setObject(1, claim.id());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Timestamp until = r.getTimestamp(5);
                return Optional.of(new Due(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        until == null ? null : until.toInstant()));
            }
        }
    }

    private void logAttempt(RowWorker.Claim claim, Instant at, Integer status, String error, int millis)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms)
                        VALUES (?, ?, ?, ?, ?)""")) {
            s.setObject(1, claim.id());
            s.setTimestamp(2, Timestamp.from(at));
            if (status == null) {
                s.setNull(3, Types.INTEGER);
            } else {
                s.setInt(3, status);
            }
            s.setString(4, error == null || error.length() <= ERROR_CHARS ? error : error.substring(0, ERROR_CHARS));
            s.setInt(5, millis);
            s.executeUpdate();
        }
    }
    /** What the delivery log tells the agency of a call without an answer: in words, then the cause. */
    static String describe(IOException e) {
        String what;
        if (e instanceof HttpTimeoutException) {
            what = "接收方未在时限内答复 / the receiver did not answer in time";
        } else if (e instanceof ConnectException) {
            what = "无法连接接收方 / the receiver could not be reached (connection refused)";
        } else if (e instanceof UnknownHostException) {
            what = "接收方主机名无法解析 / the receiver's host name does not resolve";
        } else if (e instanceof SSLException) {
            what = "与接收方的 TLS 握手失败 / the TLS handshake with the receiver failed";
        } else {
            what = "发送失败 / sending failed";
        }
        String detail = e.getMessage();
        return what + " (" + e.getClass().getSimpleName() + (detail == null || detail.isBlank() ? "" : ": " + detail)
                + ")";
    }
}
