package io.grantflow.platform.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.events.ProactiveOffer;
import io.grantflow.contracts.events.ProgrammePublishedV1;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.PoisonMessageException;
import io.grantflow.platform.rest.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The programmes of the policy catalogue as the eligibility service last published them, for
 * services that check codes and facts against the catalogue without a copy of its rules. Kept
 * in {@code programme_directory} by a consumer of {@code eligibility.catalogue.events} and read
 * from memory: loaded at start and refreshed every 30 s (another instance may have consumed an
 * update), and updated at once by the consumer of this instance.
 */
@ApplicationScoped
public class ProgrammeDirectory {
    /** The code of a required fact left out: the one fault a saved draft may have. */
    public static final String MISSING_FACT = "MISSING_FACT";

    private static final Logger LOG = Logger.getLogger(ProgrammeDirectory.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    /** One programme as published. */
    public record Programme(
            String code,
            String catalogueVersion,
            String nameZh,
            String nameEn,
            boolean administered,
            List<String> departments,
            List<String> beneficiaryKinds,
            List<String> flags,
            JsonNode factsSchema,
            ProactiveOffer proactive) {
        /** A programme no government record proves. */
        public Programme(
                String code,
                String catalogueVersion,
                String nameZh,
                String nameEn,
                boolean administered,
                List<String> departments,
                List<String> beneficiaryKinds,
                List<String> flags,
                JsonNode factsSchema) {
            this(
                    code,
                    catalogueVersion,
                    nameZh,
                    nameEn,
                    administered,
                    departments,
                    beneficiaryKinds,
                    flags,
                    factsSchema,
                    null);
        }

        public boolean flagged(String flag) {
            return flags.contains(flag);
        }

        /** 免申即享 (ADR 0020): whether a government record of {@code kind} proves this programme. */
        public boolean provenBy(String kind) {
            return proactive != null && proactive.recordKind().equals(kind);
        }
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final FactsChecker facts;
    private final Map<String, Programme> programmes = new ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;

    public ProgrammeDirectory(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
        this.facts = new FactsChecker(json);
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "programme-directory");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 30, 30, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    public Optional<Programme> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(programmes.get(code));
    }

    /** False until the first programme arrived: the catalogue has not been published here yet. */
    public boolean known() {
        return !programmes.isEmpty();
    }

    public Collection<Programme> all() {
        return programmes.values();
    }

    /** Every fact of {@code values} that the programme's published schema refuses, by field path. */
    public List<FieldError> checkFacts(Programme programme, Map<String, Object> values, String path) {
        return facts.check(programme, values, path);
    }

    /** Stores a published programme unless a later publication is stored already. Runs in the caller's transaction. */
    public Uni<Void> record(ProgrammePublishedV1 p, MessageContext context) {
        Programme programme;
        String departments;
        String kinds;
        String flags;
        String schema;
        String proactive;
        try {
            departments = json.writeValueAsString(p.departments());
            kinds = json.writeValueAsString(p.beneficiaryKinds());
            flags = json.writeValueAsString(p.flags());
            schema = json.writeValueAsString(p.factsSchema());
            proactive = p.proactive() == null ? null : json.writeValueAsString(p.proactive());
            programme = new Programme(
                    p.code(),
                    p.catalogueVersion(),
                    p.nameZh(),
                    p.nameEn(),
                    p.administered(),
                    List.copyOf(p.departments()),
                    List.copyOf(p.beneficiaryKinds()),
                    List.copyOf(p.flags()),
                    json.valueToTree(p.factsSchema()),
                    p.proactive());
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new PoisonMessageException("unreadable programme " + p.code(), e);
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        INSERT INTO programme_directory (code, catalogue_version, name_zh, name_en, administered,
                                departments, beneficiary_kinds, flags, facts_schema, published_at, proactive, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CAST(?11 AS TEXT), now())
                        ON CONFLICT (code) DO UPDATE SET catalogue_version = excluded.catalogue_version,
                            name_zh = excluded.name_zh, name_en = excluded.name_en,
                            administered = excluded.administered, departments = excluded.departments,
                            beneficiary_kinds = excluded.beneficiary_kinds, flags = excluded.flags,
                            facts_schema = excluded.facts_schema, published_at = excluded.published_at,
                            proactive = excluded.proactive, updated_at = now()
                        WHERE programme_directory.published_at <= excluded.published_at""")
                        .setParameter(1, p.code())
                        .setParameter(2, p.catalogueVersion())
                        .setParameter(3, p.nameZh())
                        .setParameter(4, p.nameEn())
                        .setParameter(5, p.administered())
                        .setParameter(6, departments)
                        .setParameter(7, kinds)
                        .setParameter(8, flags)
                        .setParameter(9, schema)
                        .setParameter(10, OffsetDateTime.ofInstant(p.publishedAt(), ZoneOffset.UTC))
                        .setParameter(11, proactive)
                        .executeUpdate())
                .invoke(rows -> {
                    if (rows == 1) {
                        programmes.put(programme.code(), programme);
                        facts.forget(programme.code());
                    }
                })
                .replaceWithVoid();
    }

    /** Reads the whole table again (it holds a few dozen rows). */
    void refresh() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                     SELECT code, catalogue_version, name_zh, name_en, administered, departments, beneficiary_kinds,
                            flags, facts_schema, proactive FROM programme_directory""")) {
            while (rs.next()) {
                Programme p = new Programme(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        json.readValue(rs.getString(6), STRINGS),
                        json.readValue(rs.getString(7), STRINGS),
                        json.readValue(rs.getString(8), STRINGS),
                        json.readTree(rs.getString(9)),
                        rs.getString(10) == null ? null : json.readValue(rs.getString(10), ProactiveOffer.class));
                Programme before = programmes.put(p.code(), p);
                if (before != null && !before.equals(p)) {
                    facts.forget(p.code());
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            LOG.warnf("programme directory not refreshed: %s", e.toString());
        }
    }
}
