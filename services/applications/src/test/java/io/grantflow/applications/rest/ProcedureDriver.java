package io.grantflow.applications.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.grantflow.platform.text.Bilingual;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes an application along the procedure in the tests, through the use case a REST call or
 * a consumer would run (the domain's checks included), as the reviewer of the industry
 * department; and lets the announcement's time pass in the database.
 */
@Singleton
final class ProcedureDriver {
    static final Actor REVIEWER = Actor.reviewer("rev-industry", "industry");

    static final String ALPHA = "91320214AY4CL12T29";
    static final String ALPHA_EMAIL = "alpha@enterprise.test";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final RunProcedure procedures;
    private final SubmitApplication submit;
    private final ObjectMapper json;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final CreditCommitments commitments;

    @Inject
    ProcedureDriver(
            RunProcedure procedures,
            SubmitApplication submit,
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            CreditCommitments commitments) {
        this.commitments = commitments;
        this.procedures = procedures;
        this.submit = submit;
        this.json = json;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** A new SUBMITTED application of enterprise alpha (S4-EDGE-COMPUTE, 1,000,000 of equipment). */
    UUID submitted() throws Throwable {
        return submitted(ALPHA, "ent-alpha");
    }

    /** As {@link #submitted()}, of the enterprise {@code creditCode}, submitted by its user {@code user}. */
    UUID submitted(String creditCode, String user) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> submit.submit(new SubmitApplication.SubmitCommand(
                        creditCode,
                        "enterprise",
                        "binhu",
                        "S4-EDGE-COMPUTE",
                        Map.of("edge_purchase_cost", 1000000),
                        ALPHA_EMAIL,
                        user,
                        commitments.current())))
                .id();
    }

    /** A new application that eligibility found ELIGIBLE with a ceiling of 300,000.00 (its event on the real topic). */
    UUID eligible() throws Throwable {
        return eligible(ALPHA, "ent-alpha");
    }

    /** As {@link #eligible()}, of the enterprise {@code creditCode}, submitted by its user {@code user}. */
    UUID eligible(String creditCode, String user) throws Throwable {
        UUID id = submitted(creditCode, user);
        ApplicationEvaluatedV1 evaluated = new ApplicationEvaluatedV1(
                id,
                "S4-EDGE-COMPUTE",
                true,
                new BigDecimal("300000.00"),
                "industry",
                List.of(),
                List.of(),
                List.of(
                        LimitClaim.money(
                                LimitKind.PROGRAMME_CEILING, "S4-EDGE-COMPUTE/" + id, new BigDecimal("300000.00")),
                        LimitClaim.money(
                                LimitKind.BENEFICIARY_YEAR_AMOUNT,
                                creditCode + "/2026",
                                new BigDecimal("20000000.00"))),
                "test",
                "30% × 1000000",
                Instant.now());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.EVALUATION_EVENTS),
                id.toString(),
                MessageType.APPLICATION_EVALUATED_V1.ceType(),
                json.writeValueAsString(evaluated),
                UUID.randomUUID().toString());
        Awaitility.await("the application becomes eligible").atMost(WAIT).until(() -> "ELIGIBLE".equals(status(id)));
        return id;
    }

    /** A plain JDBC connection to the service's database, for what a test reads or sets there. */
    Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    String status(UUID id) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement s = c.prepareStatement("SELECT status FROM application WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    long count(String sql, Object... params) throws SQLException {
        return Long.parseLong(value(sql, params));
    }

    /** The first column of the first row, as text (null when there is none). */
    String value(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    void run(UUID id, RunProcedure.Command command) throws Throwable {
        VertxContextSupport.subscribeAndAwait(
                () -> procedures.run(id, row -> true, AuditContext.of(REVIEWER.id(), "reviewer"), null, command));
    }

    void claim(UUID id) throws Throwable {
        run(id, (p, row) -> p.claim(REVIEWER, Instant.now()));
    }

    void recommend(UUID id, String amount) throws Throwable {
        run(
                id,
                (p, row) -> p.recommend(
                        REVIEWER,
                        new BigDecimal(amount),
                        Bilingual.of("符合条件", "meets the terms"),
                        null,
                        Instant.now()));
    }

    void announce(UUID id) throws Throwable {
        run(id, (p, row) -> p.announce(REVIEWER, Instant.now()));
    }

    /**
     * The announcement's five working days pass: its end moves to a second ago, in the row the
     * deadline job selects on and in the procedure it closes (nothing else changes).
     */
    void endAnnouncement(UUID id) throws SQLException {
        endAnnouncements(List.of(id));
    }

    /**
     * The announcements of {@code ids} (at most 99) end in one statement, so that one round of the deadline
     * job finds them all, the first of the list the longest over (it is closed first).
     */
    void endAnnouncements(List<UUID> ids) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement s = c.prepareStatement("""
                        WITH ended AS (
                            SELECT id, now() - (100 - array_position(?::uuid[], id)) * interval '1 second' AS at
                              FROM application WHERE id = ANY (?::uuid[]) AND status = 'IN_ANNOUNCEMENT')
                        UPDATE application a SET announcement_closes_at = ended.at,
                               procedure = jsonb_set(procedure::jsonb, '{announcement,closesAt}',
                                   to_jsonb(to_char(ended.at AT TIME ZONE 'UTC',
                                                    'YYYY-MM-DD"T"HH24:MI:SS"Z"')))::text
                          FROM ended WHERE a.id = ended.id""")) {
            Object[] array = ids.stream().map(UUID::toString).toArray();
            s.setArray(1, c.createArrayOf("text", array));
            s.setArray(2, c.createArrayOf("text", array));
            if (s.executeUpdate() != ids.size()) {
                throw new IllegalStateException("not every application of " + ids + " is in announcement");
            }
        }
    }

    /** Runs {@code sql} (a statement of the test's own, such as a trigger) on the service's database. */
    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
