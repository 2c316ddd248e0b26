package io.grantflow.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A consumer as a service writes one, for the inbox tests: through {@link Inbox#process}, its
 * effect a row of {@code inbox_probe_effect} in the inbox's transaction. It counts how often its
 * handler ran per message id, and fails on request after writing its effect, so that a test sees
 * a failed attempt's effect rolled back. Left out of the platform's test-jar.
 */
@ApplicationScoped
public class InboxProbe {
    static final String CONSUMER = "platform-test.inbox";

    /** What the probe reads: {@code n} is its effect; {@code fail} is "twice" (the first two runs fail) or "always". */
    public record Probe(int n, String fail) {}

    private final Inbox inbox;
    private final ObjectMapper json;
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    public InboxProbe(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("inbox-test")
    public Uni<Void> consume(Message<String> message) {
        return inbox.process(CONSUMER, message, this::handle);
    }

    private Uni<Void> handle(IncomingEnvelope envelope) {
        int run = runs.computeIfAbsent(envelope.id(), id -> new AtomicInteger()).incrementAndGet();
        Probe probe = envelope.read(json, Probe.class);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO inbox_probe_effect (message_id, n) VALUES (?1, ?2)")
                        .setParameter(1, envelope.id())
                        .setParameter(2, probe.n())
                        .executeUpdate())
                .invoke(() -> {
                    if ("always".equals(probe.fail()) || ("twice".equals(probe.fail()) && run <= 2)) {
                        throw new IllegalStateException("探针第 " + run + " 次失败 / probe fails, run " + run);
                    }
                })
                .replaceWithVoid();
    }

    /** How often the handler ran for a message id (0: it never did, e.g. for a duplicate). */
    int runs(String messageId) {
        AtomicInteger n = runs.get(messageId);
        return n == null ? 0 : n.get();
    }
}
