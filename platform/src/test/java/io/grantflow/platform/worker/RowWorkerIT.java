package io.grantflow.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.platform.testing.KafkaTopicsResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The row worker on the real database: each row claimed once, failures back off alone, parking and unparking. */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class RowWorkerIT {
    private static final WorkerTable TABLE =
            new WorkerTable("probe", "row_worker_probe", "status = 'PENDING'", "status = 'DONE', done_at = now()");

    @Inject
    DataSource dataSource;

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM row_worker_probe");
        }
    }

    private List<UUID> insert(int n) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO row_worker_probe (id, status) VALUES (?, 'PENDING')")) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                s.setObject(1, id);
                s.addBatch();
                ids.add(id);
            }
            s.executeBatch();
        }
        return ids;
    }

    private record State(String status, int attempts, String lastError, boolean parked) {}

    private State state(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT status, attempts, last_error, parked_at IS NOT NULL FROM row_worker_probe WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new State(r.getString(1), r.getInt(2), r.getString(3), r.getBoolean(4));
            }
        }
    }

    private RowWorker worker(RetryPolicy policy, RowWorker.Work work) {
        return new RowWorker(dataSource, TABLE, policy, 10, Duration.ofMinutes(1), new SimpleMeterRegistry(), work);
    }

    @Test
    void twoWorkersTakeEachRowOnce() throws Exception {
        List<UUID> ids = insert(60);
        Map<UUID, AtomicInteger> worked = new ConcurrentHashMap<>();
        RowWorker.Work work = claim -> {
            worked.computeIfAbsent(claim.id(), k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(5);
            return WorkOutcome.done();
        };
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ofHours(1));
        RowWorker a = worker(policy, work);
        RowWorker b = worker(policy, work);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (RowWorker w : List.of(a, b)) {
                runs.add(pool.submit(() -> {
                    while (w.runOnce() > 0) {
                        // until nothing is due
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(worked.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(worked.values()).allMatch(n -> n.get() == 1);
        for (UUID id : ids) {
            assertThat(state(id)).isEqualTo(new State("DONE", 1, null, false));
        }
    }

    @Test
    void aFailingRowBacksOffAloneIsParkedAfterItsAttemptsAndUnparkedAfresh() throws Exception {
        List<UUID> ids = insert(3);
        UUID failing = ids.get(0);
        Set<UUID> refused = ConcurrentHashMap.newKeySet();
        RowWorker w = worker(
                new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(100), 3, Duration.ofHours(1)), claim -> {
                    if (refused.contains(claim.id())) {
                        return WorkOutcome.refused("no such mailbox");
                    }
                    if (claim.id().equals(failing)) {
                        throw new IllegalStateException("receiver away");
                    }
                    return WorkOutcome.done();
                });
        assertThat(w.runOnce()).isEqualTo(3);
        assertThat(state(ids.get(1)).status()).isEqualTo("DONE");
        State first = state(failing);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("receiver away");
        assertThat(first.parked()).isFalse();
        // not due again before its back-off
        assertThat(w.runOnce()).isZero();
        for (int i = 0; i < 50 && !state(failing).parked(); i++) {
            Thread.sleep(60);
            w.runOnce();
        }
        assertThat(state(failing))
                .isEqualTo(new State("PENDING", 3, "java.lang.IllegalStateException: receiver away", true));
        RowWorker.ParkedPage page = w.parked(10, 0);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items()).extracting(RowWorker.ParkedRow::id).containsExactly(failing);

        assertThat(w.unpark(failing)).isTrue();
        assertThat(w.unpark(failing)).isFalse();
        assertThat(state(failing).attempts()).isZero();
        refused.add(failing);
        // a refusal parks at once, whatever the attempts left
        assertThat(w.runOnce()).isEqualTo(1);
        assertThat(state(failing)).isEqualTo(new State("PENDING", 1, "no such mailbox", true));
    }

    @Test
    void aRowNotFinishedIsDueLaterWithoutAnAttemptAndARowParkedInAStateOfItsOwnIsBroughtBackOnUnpark()
            throws Exception {
        // a table whose parked rows leave the pending state (a payment held for lack of an answer)
        WorkerTable held = new WorkerTable(
                "probe_held",
                "row_worker_probe",
                "status = 'PENDING'",
                "status = 'DONE', done_at = now()",
                "status = 'HELD'",
                "status = 'HELD'",
                "status = 'PENDING'");
        List<UUID> ids = insert(2);
        UUID polled = ids.get(0);
        UUID unanswered = ids.get(1);
        AtomicInteger looks = new AtomicInteger();
        Set<UUID> answers = ConcurrentHashMap.newKeySet();
        RowWorker w = new RowWorker(
                dataSource,
                held,
                new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(50), 2, Duration.ofHours(1)),
                10,
                Duration.ofMinutes(1),
                new SimpleMeterRegistry(),
                claim -> {
                    if (claim.id().equals(polled)) {
                        return looks.incrementAndGet() == 1
                                ? WorkOutcome.later(Duration.ofMillis(300))
                                : WorkOutcome.done();
                    }
                    if (!answers.contains(claim.id())) {
                        throw new IllegalStateException("no answer");
                    }
                    return WorkOutcome.done();
                });
        assertThat(w.runOnce()).isEqualTo(2);
        assertThat(state(polled))
                .as("looked at, not finished: no attempt, no error")
                .isEqualTo(new State("PENDING", 0, null, false));
        w.runOnce();
        assertThat(looks).as("not looked at again before its wait").hasValue(1);
        for (int i = 0; i < 50 && !"DONE".equals(state(polled).status()); i++) {
            Thread.sleep(60);
            w.runOnce();
        }
        assertThat(state(polled)).isEqualTo(new State("DONE", 1, null, false));
        assertThat(looks).hasValue(2);

        assertThat(state(unanswered))
                .isEqualTo(new State("HELD", 2, "java.lang.IllegalStateException: no answer", true));
        assertThat(w.parked(10, 0).items()).extracting(RowWorker.ParkedRow::id).containsExactly(unanswered);
        answers.add(unanswered);
        assertThat(w.unpark(unanswered)).isTrue();
        assertThat(state(unanswered))
                .as("pending again, attempts afresh")
                .isEqualTo(new State("PENDING", 0, "java.lang.IllegalStateException: no answer", false));
        assertThat(w.runOnce()).isEqualTo(1);
        assertThat(state(unanswered)).isEqualTo(new State("DONE", 1, null, false));
        assertThat(w.parked(10, 0).total()).isZero();
    }
}
