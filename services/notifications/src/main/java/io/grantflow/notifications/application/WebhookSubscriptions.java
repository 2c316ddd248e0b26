package io.grantflow.notifications.application;

import io.grantflow.notifications.config.WebhookConfig;
import io.grantflow.notifications.domain.WebhookEvents;
import io.grantflow.notifications.domain.WebhookSignature;
import io.grantflow.notifications.domain.WebhookUrls;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.text.Bilingual;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * A partner agency's webhooks: registering one (its secret shown once), its list, deleting one,
 * rotating the secret, the delivery log and a replay. An agency sees and manages only its own
 * department's subscriptions; another's is "not found". Blocking JDBC, on a worker thread.
 */
@ApplicationScoped
public class WebhookSubscriptions {
    private static final Logger LOG = Logger.getLogger(WebhookSubscriptions.class);
    /** Attempts shown with one delivery at most (a delivery gets some 35 in its default day). */
    static final int ATTEMPTS_SHOWN = 100;

    private final DataSource dataSource;
    private final WebhookConfig config;
    private final SecureRandom random = new SecureRandom();

    public WebhookSubscriptions(DataSource dataSource, WebhookConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** A subscription as its agency sees it; never the secret. */
    public record Subscription(
            UUID id,
            String department,
            String url,
            List<String> eventTypes,
            String description,
            OffsetDateTime createdAt,
            OffsetDateTime secretRotatedAt,
            OffsetDateTime previousSecretValidUntil) {}

    /** A new subscription and its secret, shown this once. */
    public record Created(Subscription subscription, String secret) {}

    /** A rotated secret, shown this once; the previous one signs beside it until {@code previousSecretValidUntil}. */
    public record Rotated(UUID subscriptionId, String secret, OffsetDateTime previousSecretValidUntil) {}

    /** One delivery of an event to a subscription. */
    public record Delivery(
            UUID id,
            String eventId,
            String eventType,
            String status,
            int attempts,
            String lastError,
            int replays,
            OffsetDateTime createdAt,
            OffsetDateTime nextAttemptAt,
            OffsetDateTime deliveredAt,
            OffsetDateTime parkedAt) {}

    /** One attempt of a delivery. */
    public record Attempt(OffsetDateTime attemptedAt, Integer statusCode, String error, int durationMs) {}

    /** A delivery with its body and its latest attempts, newest first. */
    public record DeliveryDetail(Delivery delivery, String payload, List<Attempt> attempts) {}

    /** A new subscription; {@code faults} are what the caller found already, answered with these checks' own. */
    public Created create(
            String department,
            String client,
            String url,
            List<String> eventTypes,
            String description,
            List<FieldError> faults)
            throws SQLException {
        List<FieldError> errors = new ArrayList<>(faults);
        if (url != null
                && !url.isBlank()
                && errors.stream().noneMatch(e -> e.field().equals("url"))) {
            Optional<Bilingual> badUrl = WebhookUrls.refusal(url, allowedHosts(), config.allowLoopbackHttp());
            badUrl.ifPresent(b -> errors.add(new FieldError("url", "WEBHOOK_URL_REFUSED", b.zh(), b.en())));
        }
        Set<String> types = new LinkedHashSet<>();
        List<String> given = eventTypes == null ? List.of() : eventTypes;
        for (int i = 0; i < given.size(); i++) {
            String t = given.get(i);
            if (t != null && !t.isBlank() && !WebhookEvents.known(t)) {
                errors.add(new FieldError(
                        "eventTypes[" + i + "]",
                        "UNKNOWN_EVENT_TYPE",
                        "未知的事件类型，可选：" + String.join("、", WebhookEvents.TYPES),
                        "unknown event type; one of " + String.join(", ", WebhookEvents.TYPES)));
            }
            types.add(t);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret(random);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // one department's registrations take turns, so that the limit holds under concurrency
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "webhooks:" + department);
                    lock.execute();
                }
                try (PreparedStatement count =
                        c.prepareStatement("SELECT count(*) FROM webhook_subscription WHERE department = ?")) {
                    count.setString(1, department);
                    try (ResultSet r = count.executeQuery()) {
                        r.next();
                        if (r.getLong(1) >= config.maxSubscriptions()) {
                            throw ProblemException.conflict(
                                    "WEBHOOK_LIMIT",
                                    "本部门的订阅已达上限 " + config.maxSubscriptions() + " 个，请先删除不用的订阅",
                                    "the department holds the most subscriptions allowed (" + config.maxSubscriptions()
                                            + "); delete one it no longer uses first");
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO webhook_subscription (id, department, created_by, url, event_types, description,
                                secret, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    s.setObject(1, id);
                    s.setString(2, department);
                    s.setString(3, client);
                    s.setString(4, url);
                    s.setString(5, String.join(",", types));
                    s.setString(6, description);
                    s.setString(7, secret);
                    s.setObject(8, now);
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        LOG.infof("webhook %s of department %s registered by %s for %s", id, department, client, url);
        return new Created(
                new Subscription(id, department, url, List.copyOf(types), description, now, null, null), secret);
    }

    public Page<Subscription> list(String department, PageRequest page) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Subscription> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM webhook_subscription WHERE department = ? ORDER BY created_at, id LIMIT ? OFFSET ?")) {
                s.setString(1, department);
                s.setInt(2, page.limit());
                s.setInt(3, page.offset());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(subscription(r));
                    }
                }
            }
            return new Page<>(
                    items,
                    count(c, "SELECT count(*) FROM webhook_subscription WHERE department = ?", department),
                    page.limit(),
                    page.offset());
        }
    }

    public Subscription get(String department, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, department, id);
        }
    }

    public void delete(String department, UUID id, String client) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("DELETE FROM webhook_subscription WHERE id = ? AND department = ?")) {
            s.setObject(1, id);
            s.setString(2, department);
            if (s.executeUpdate() == 0) {
                throw notFound(id);
            }
        }
        LOG.infof("webhook %s of department %s deleted by %s", id, department, client);
    }

    /**
     * A new secret; the current one becomes the previous and signs beside it for the configured
     * overlap, so the agency can switch its receiver without losing a delivery. A second rotation
     * within the overlap drops the oldest.
     */
    public Rotated rotate(String department, UUID id, String client) throws SQLException {
        String secret = WebhookSignature.newSecret(random);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime until = now.plus(config.secretOverlap());
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE webhook_subscription
                           SET previous_secret = secret, previous_secret_until = ?, secret = ?, secret_rotated_at = ?
                         WHERE id = ? AND department = ?""")) {
            s.setObject(1, until);
            s.setString(2, secret);
            s.setObject(3, now);
            s.setObject(4, id);
            s.setString(5, department);
            if (s.executeUpdate() == 0) {
                throw notFound(id);
            }
        }
        LOG.infof("webhook %s of department %s: secret rotated by %s", id, department, client);
        return new Rotated(id, secret, until);
    }

    public Page<Delivery> deliveries(String department, UUID subscription, PageRequest page) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            find(c, department, subscription);
            List<Delivery> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT * FROM webhook_delivery WHERE subscription_id = ?
                     ORDER BY created_at DESC, id LIMIT ? OFFSET ?""")) {
                s.setObject(1, subscription);
                s.setInt(2, page.limit());
                s.setInt(3, page.offset());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(delivery(r));
                    }
                }
            }
            long total = count(c, "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?", subscription);
            return new Page<>(items, total, page.limit(), page.offset());
        }
    }

    public DeliveryDetail delivery(String department, UUID subscription, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            find(c, department, subscription);
            Delivery delivery;
            String payload;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT * FROM webhook_delivery WHERE id = ? AND subscription_id = ?")) {
                s.setObject(1, id);
                s.setObject(2, subscription);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ProblemException.notFound("投递", "delivery", id.toString());
                    }
                    delivery = delivery(r);
                    payload = r.getString("payload");
                }
            }
            List<Attempt> attempts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT attempted_at, status_code, error, duration_ms FROM webhook_attempt
                     WHERE delivery_id = ? ORDER BY id DESC LIMIT ?""")) {
                s.setObject(1, id);
                s.setInt(2, ATTEMPTS_SHOWN);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int code = r.getInt(2);
                        attempts.add(new Attempt(
                                r.getObject(1, OffsetDateTime.class),
                                r.wasNull() ? null : code,
                                r.getString(3),
                                r.getInt(4)));
                    }
                }
            }
            return new DeliveryDetail(delivery, payload, attempts);
        }
    }

    /**
     * Sends a delivery again, whatever became of it: the same body and webhook-id (the receiver
     * recognises it), a new timestamp and signature, a fresh retry window.
     */
    public Delivery replay(String department, UUID subscription, UUID id, String client) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            find(c, department, subscription);
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE webhook_delivery
                       SET status = 'PENDING', parked_at = NULL, attempts = 0, window_start = now(),
                           next_attempt_at = now(), delivered_at = NULL, replays = replays + 1
                     WHERE id = ? AND subscription_id = ?
                    RETURNING *""")) {
                s.setObject(1, id);
                s.setObject(2, subscription);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ProblemException.notFound("投递", "delivery", id.toString());
                    }
                    LOG.infof("webhook delivery %s replayed by %s", id, client);
                    return delivery(r);
                }
            }
        }
    }

    private Set<String> allowedHosts() {
        return new HashSet<>(config.allowedHosts().orElse(List.of()));
    }

    private static Subscription find(Connection c, String department, UUID id) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT * FROM webhook_subscription WHERE id = ? AND department = ?")) {
            s.setObject(1, id);
            s.setString(2, department);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw notFound(id);
                }
                return subscription(r);
            }
        }
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("订阅", "subscription", id.toString());
    }

    private static long count(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static Subscription subscription(ResultSet r) throws SQLException {
        Timestamp until = r.getTimestamp("previous_secret_until");
        // a previous secret past its overlap signs nothing any more: not shown
        OffsetDateTime validUntil = until == null || until.toInstant().isBefore(Instant.now())
                ? null
                : r.getObject("previous_secret_until", OffsetDateTime.class);
        return new Subscription(
                r.getObject("id", UUID.class),
                r.getString("department"),
                r.getString("url"),
                Arrays.asList(r.getString("event_types").split(",")),
                r.getString("description"),
                r.getObject("created_at", OffsetDateTime.class),
                r.getObject("secret_rotated_at", OffsetDateTime.class),
                validUntil);
    }

    private static Delivery delivery(ResultSet r) throws SQLException {
        OffsetDateTime parked = r.getObject("parked_at", OffsetDateTime.class);
        String status = r.getString("status");
        boolean pending = "PENDING".equals(status);
        return new Delivery(
                r.getObject("id", UUID.class),
                r.getString("event_id"),
                r.getString("event_type"),
                // a parked delivery is one the sender gave up: FAILED to the agency, which may replay it
                pending && parked != null ? "FAILED" : status,
                r.getInt("attempts"),
                r.getString("last_error"),
                r.getInt("replays"),
                r.getObject("created_at", OffsetDateTime.class),
                pending && parked == null ? r.getObject("next_attempt_at", OffsetDateTime.class) : null,
                r.getObject("delivered_at", OffsetDateTime.class),
                parked);
    }
}
