package io.grantflow.budget.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.grantflow.budget.application.LedgerEvents;
import io.grantflow.budget.application.LedgerWriter;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.budget.persistence.LedgerStore;
import io.grantflow.platform.messaging.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger's writer on the real PostgreSQL, without Quarkus: a schema of its own in the
 * budget's test database (dropped and migrated by the service's own Flyway scripts), plain JDBC,
 * synchronous commit as configured on the server. For the property tests and the benchmark.
 */
public final class LedgerFixture implements AutoCloseable {
    public static final String URL =
            System.getProperty("budget.bench.url", "jdbc:postgresql://127.0.0.1:5432/budget_test");
    public static final String USER = System.getProperty("budget.bench.user", "budget");
    public static final String PASSWORD = System.getProperty("budget.bench.password", "budget");

    public final PGSimpleDataSource dataSource;
    public final LedgerWriter writer;
    public final String schema;

    private LedgerFixture(String schema, LedgerRules rules, int batchSize, Function<ObjectMapper, LedgerStore> stores) {
        this.schema = schema;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(URL);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        dataSource.setCurrentSchema(schema);
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.writer = new LedgerWriter(
                new PooledDataSource(dataSource),
                stores.apply(json),
                rules,
                new LedgerEvents(new Outbox(json), Clock.systemUTC()),
                batchSize,
                100_000,
                3,
                Clock.systemUTC());
    }

    /** A fresh schema {@code name}: dropped if it exists, then migrated. */
    public static LedgerFixture fresh(String name, LedgerRules rules, int batchSize) throws SQLException {
        return fresh(name, rules, batchSize, LedgerStore::new);
    }

    /** The same over a store of the test's making, e.g. a deliberately broken one. */
    public static LedgerFixture fresh(
            String name, LedgerRules rules, int batchSize, Function<ObjectMapper, LedgerStore> stores)
            throws SQLException {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(URL);
        admin.setUser(USER);
        admin.setPassword(PASSWORD);
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
        Flyway.configure()
                .dataSource(URL, USER, PASSWORD)
                .schemas(name)
                .defaultSchema(name)
                .locations("classpath:db/migration", "classpath:db/platform")
                .load()
                .migrate();
        return new LedgerFixture(name, rules, batchSize, stores);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        writer.close();
    }
}
