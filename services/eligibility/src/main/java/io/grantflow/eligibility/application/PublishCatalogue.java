package io.grantflow.eligibility.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.events.ProactiveOffer;
import io.grantflow.contracts.events.ProgrammePublishedV1;
import io.grantflow.eligibility.domain.catalogue.FactsSchema;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Publishes the catalogue's programmes (codes, administered or not, departments, beneficiary
 * kinds, flags, the JSON Schema of their facts) at start, through the outbox, so that the
 * applications and budget services check what they receive against the catalogue itself. Only a
 * programme whose content changed since its last publication is published again.
 */
@ApplicationScoped
public class PublishCatalogue {
    private static final Logger LOG = Logger.getLogger(PublishCatalogue.class);

    private final Policy policy;
    private final Outbox outbox;
    private final ObjectMapper json;

    public PublishCatalogue(Policy policy, Outbox outbox, ObjectMapper json) {
        this.policy = policy;
        this.outbox = outbox;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        int published = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::publishChanged));
        LOG.infof(
                "catalogue %s: %d of %d programmes published",
                policy.version(), published, policy.allProgrammes().size());
    }

    /** Publishes every programme whose content changed; returns how many. Runs in the caller's transaction. */
    public Uni<Integer> publishChanged() {
        List<ProgrammeDef> programmes = policy.allProgrammes().stream()
                .sorted(Comparator.comparing(ProgrammeDef::code))
                .toList();
        AtomicInteger count = new AtomicInteger();
        return Multi.createFrom()
                .iterable(programmes)
                .onItem()
                .transformToUniAndConcatenate(p -> publishIfChanged(p).invoke(changed -> {
                    if (changed) {
                        count.incrementAndGet();
                    }
                }))
                .collect()
                .last()
                .map(x -> count.get());
    }

    private Uni<Boolean> publishIfChanged(ProgrammeDef p) {
        ProgrammePublishedV1 content = message(p, Instant.EPOCH);
        String hash = hash(content);
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT content_hash FROM catalogue_publication WHERE code = ?1", String.class)
                        .setParameter(1, p.code())
                        .getResultList())
                .chain(stored -> {
                    if (!stored.isEmpty() && stored.get(0).equals(hash)) {
                        return Uni.createFrom().item(false);
                    }
                    Instant now = Instant.now();
                    return outbox.add(
                                    message(p, now),
                                    p.code(),
                                    new MessageContext("catalogue:" + policy.version(), null))
                            .chain(() -> Panache.getSession()
                                    .chain(s -> s.createNativeQuery("""
                                            INSERT INTO catalogue_publication (code, content_hash, published_at)
                                            VALUES (?1, ?2, ?3)
                                            ON CONFLICT (code) DO UPDATE SET content_hash = excluded.content_hash,
                                                published_at = excluded.published_at""")
                                            .setParameter(1, p.code())
                                            .setParameter(2, hash)
                                            .setParameter(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                                            .executeUpdate()))
                            .replaceWith(true);
                });
    }

    ProgrammePublishedV1 message(ProgrammeDef p, Instant at) {
        return new ProgrammePublishedV1(
                p.code(),
                policy.version(),
                p.name().zh(),
                p.name().en(),
                p.administered(),
                p.departments(),
                p.beneficiaryKinds(),
                p.flags(),
                FactsSchema.of(p),
                at,
                p.proactive() == null
                        ? null
                        : new ProactiveOffer(
                                p.proactive().recordKind(),
                                p.proactive().recordFacts(),
                                p.proactive().presetFacts(),
                                p.proactive().reference()));
    }

    private String hash(ProgrammePublishedV1 content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
