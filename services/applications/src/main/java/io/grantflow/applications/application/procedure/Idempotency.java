package io.grantflow.applications.application.procedure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} of a state-changing POST: the first request with a key is applied
 * and its answer stored with the key, in the change's own transaction; the same request sent
 * again with that key gets that answer back and changes nothing. The key is taken first (an
 * insert that waits while another transaction holds the same key), so that two copies sent at
 * once are applied once: the second waits for the first and then reads its answer.
 */
@ApplicationScoped
public class Idempotency {
    /** Keys are kept this long; a request sent again later is a new request. */
    public static final Duration RETENTION = Duration.ofDays(7);

    private static final String PENDING = "";

    private final ObjectMapper json;

    public Idempotency(ObjectMapper json) {
        this.json = json;
    }

    /** A request's key, the caller that sent it and what it asked (hashed). */
    public record Key(String caller, String key, String operation, String requestSha256) {
        public static Key of(String caller, String key, String operation, String request) {
            return new Key(caller, key, operation, sha256(operation + "\n" + request));
        }
    }

    /**
     * Runs {@code action} once per key, inside the caller's transaction; {@code key} null runs it
     * as it is. The answer (serialized as {@code type}) is what a repeat gets back.
     */
    public <T> Uni<T> once(Key key, Class<T> type, Supplier<Uni<T>> action) {
        if (key == null) {
            return action.get();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO idempotency_key (caller, key, operation, request_sha256, response_status,"
                                        + " response_body, created_at) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6)"
                                        + " ON CONFLICT (caller, key) DO NOTHING")
                        .setParameter(1, key.caller())
                        .setParameter(2, key.key())
                        .setParameter(3, key.operation())
                        .setParameter(4, key.requestSha256())
                        .setParameter(5, PENDING)
                        .setParameter(6, now)
                        .executeUpdate())
                .chain(inserted -> inserted == 1 ? action.get().call(answer -> store(key, answer)) : replay(key, type));
    }

    /**
     * The answer already stored under {@code key}, if any, in a session of its own: for a change
     * made of several transactions (an import of government records), which looks first and
     * stores its answer with {@link #once} in its last transaction. A key used for another request
     * is 422 IDEMPOTENCY_KEY_REUSED, as in {@link #once}.
     */
    public <T> Uni<Optional<T>> answered(Key key, Class<T> type) {
        if (key == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT count(*) FROM idempotency_key WHERE caller = ?1 AND key = ?2", Long.class)
                        .setParameter(1, key.caller())
                        .setParameter(2, key.key())
                        .getSingleResult())
                .chain(n -> n == 0
                        ? Uni.createFrom().item(Optional.<T>empty())
                        : replay(key, type).map(Optional::of)));
    }

    private Uni<Void> store(Key key, Object answer) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("UPDATE idempotency_key SET response_status = 200, response_body = ?3"
                                + " WHERE caller = ?1 AND key = ?2")
                        .setParameter(1, key.caller())
                        .setParameter(2, key.key())
                        .setParameter(3, Json.write(json, answer))
                        .executeUpdate())
                .replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> replay(Key key, Class<T> type) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT operation, request_sha256, response_body FROM idempotency_key"
                                        + " WHERE caller = ?1 AND key = ?2",
                                Object[].class)
                        .setParameter(1, key.caller())
                        .setParameter(2, key.key())
                        .getResultList())
                .map(rows -> {
                    Optional<Object[]> row =
                            ((List<Object[]>) (List<?>) rows).stream().findFirst();
                    if (row.isEmpty()) {
                        // taken and released by a transaction that rolled back between our insert and read: rare,
                        // retryable
                        throw ProblemException.conflict(
                                "IDEMPOTENCY_KEY_BUSY",
                                "同一 Idempotency-Key 的请求正在处理，请稍后重试",
                                "A request with this Idempotency-Key is being processed; retry shortly");
                    }
                    Object[] r = row.get();
                    if (!key.operation().equals(r[0])
                            || !key.requestSha256().equals(String.valueOf(r[1]).strip())) {
                        throw ProblemException.unprocessable(
                                "IDEMPOTENCY_KEY_REUSED",
                                "该 Idempotency-Key 已用于另一请求；新的请求请使用新的键",
                                "This Idempotency-Key was used for another request; use a new key for a new request",
                                List.of());
                    }
                    try {
                        return json.readerFor(type)
                                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                .readValue((String) r[2]);
                    } catch (Exception e) {
                        throw new IllegalStateException("a stored answer cannot be read", e);
                    }
                });
    }

    /** Keys older than the retention are forgotten (the deadline job calls this). */
    public Uni<Integer> purge(OffsetDateTime before) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                        .setParameter(1, before)
                        .executeUpdate()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
