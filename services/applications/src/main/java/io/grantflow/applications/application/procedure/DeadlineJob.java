package io.grantflow.applications.application.procedure;

import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.call.Calls;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The procedure's clock: closes each public announcement whose period is over (to the city
 * government where it must consent, else approved with the budget asked to reserve), closes
 * each call whose window has ended (ADR 0019), and forgets old idempotency keys. Safe with several instances: one round runs at a time across
 * them all (a PostgreSQL advisory lock; the others skip the round), and each close is its own
 * transaction on the row's version, so that even two at once close an announcement once.
 *
 * <p>The lock is held by a session of its own, and each close runs in a new session: a close
 * that fails rolls back, and its session, which still holds the changed row, is thrown away. (A
 * session shared by the round once committed such a row with the next close: an application
 * APPROVED without its history, audit entry or reservation.) A close that loses a deadlock or a
 * serialisation conflict is tried again at once, a few times, before it waits for the next round.
 */
@ApplicationScoped
public class DeadlineJob {
    private static final Logger LOG = Logger.getLogger(DeadlineJob.class);
    /** The advisory lock's key: "gf-dead" as a number, the same in every instance. */
    private static final long LOCK = 0x67662d64656164L;

    private static final Actor JOB = Actor.system("applications.deadline-job");

    /** Conflicts with another transaction (deadlock, serialisation) that a new try may not meet. */
    private static final Set<String> CONFLICTS = Set.of("40P01", "40001");

    private static final int TRIES = 4;

    private final RunProcedure procedures;
    private final ProcedureConfig config;
    private final Calls calls;
    private final Mutiny.SessionFactory sessions;

    public DeadlineJob(RunProcedure procedures, ProcedureConfig config, Calls calls, Mutiny.SessionFactory sessions) {
        this.procedures = procedures;
        this.config = config;
        this.calls = calls;
        this.sessions = sessions;
        // loud, so that nobody mistakes a demonstration's short announcement for the law's
        config.demoAnnouncementPeriod()
                .ifPresent(period -> LOG.warnf(
                        "DEMONSTRATION ONLY: announcements close %s after publication, not after %d working days",
                        period, config.announcementWorkingDays()));
    }

    @Scheduled(
            every = "${grantflow.procedure.deadline-job-every:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "procedure-deadlines")
    public Uni<Void> tick() {
        Instant now = Instant.now();
        return closeAnnouncements(now)
                .chain(n -> closeCalls(now))
                .chain(n -> procedures
                        .idempotency()
                        .purge(OffsetDateTime.now(ZoneOffset.UTC).minus(Idempotency.RETENTION)))
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(f -> {
                    LOG.warn("the deadline job's round failed; the next round tries again", f);
                    return Uni.createFrom().voidItem();
                });
    }

    /** Closes the announcements over at {@code now}; the number closed (0 when another instance has the round). */
    public Uni<Integer> closeAnnouncements(Instant now) {
        return exclusively(() -> due(now).chain(ids -> closeEach(ids, now)));
    }

    /** Closes the calls whose window has ended at {@code now}; the number closed (0 when another instance has the round). */
    public Uni<Integer> closeCalls(Instant now) {
        return exclusively(() -> calls.ended(now, config.deadlineJobBatch()).chain(ids -> {
            AtomicInteger closed = new AtomicInteger();
            return Multi.createFrom()
                    .iterable(ids)
                    .onItem()
                    .transformToUniAndConcatenate(id -> retried(() -> calls.closeEnded(id, now, jobContext()))
                            .invoke(done -> {
                                if (done) {
                                    closed.incrementAndGet();
                                }
                            })
                            .replaceWithVoid()
                            .onFailure()
                            .recoverWithUni(f -> {
                                // closed by its department or another instance meanwhile: nothing left to do
                                LOG.infof("call %s not closed: %s", id, f.toString());
                                return Uni.createFrom().voidItem();
                            }))
                    .collect()
                    .last()
                    .map(x -> closed.get());
        }));
    }

    /**
     * Runs {@code work} if this instance gets the round's advisory lock, else answers 0. The lock
     * belongs to the connection of a session opened for it alone, kept until the round is over.
     */
    private Uni<Integer> exclusively(Supplier<Uni<Integer>> work) {
        return sessions.openSession()
                .chain(lock -> lock.createNativeQuery("SELECT pg_try_advisory_lock(?1)", Boolean.class)
                        .setParameter(1, LOCK)
                        .getSingleResult()
                        .chain(locked -> !locked
                                ? Uni.createFrom().item(0)
                                : Uni.createFrom().deferred(work::get).eventually(() -> unlock(lock)))
                        .eventually(lock::close));
    }

    /**
     * {@code work} (which opens its own session) again while it loses to another transaction,
     * each try on a new session.
     */
    private static <T> Uni<T> retried(Supplier<Uni<T>> work) {
        return Uni.createFrom()
                .<T>deferred(work::get)
                .onFailure(DeadlineJob::conflict)
                .retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofMillis(400))
                .atMost(TRIES - 1);
    }

    static boolean conflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && CONFLICTS.contains(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static AuditContext jobContext() {
        return new AuditContext(
                JOB.id(), AuditContext.SERVICE_ROLE, UUID.randomUUID().toString());
    }

    private Uni<List<UUID>> due(Instant now) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT id FROM application WHERE status = ?1 AND announcement_closes_at <= ?2"
                                        + " ORDER BY announcement_closes_at LIMIT ?3",
                                UUID.class)
                        .setParameter(1, ProcedureState.IN_ANNOUNCEMENT.name())
                        .setParameter(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                        .setParameter(3, config.deadlineJobBatch())
                        .getResultList()));
    }

    private Uni<Integer> closeEach(List<UUID> ids, Instant now) {
        AtomicInteger closed = new AtomicInteger();
        // one after the other, each in a session and transaction of its own
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(id -> retried(() ->
                                Panache.withTransaction(() -> procedures.runInTransaction(
                                        id,
                                        jobContext(),
                                        (p, row) ->
                                                p.closeAnnouncement(JOB, reservationFor(p.id(), p.version()), now))))
                        .invoke(row -> closed.incrementAndGet())
                        .replaceWithVoid()
                        .onFailure()
                        .recoverWithUni(f -> {
                            // changed meanwhile (an objection, another instance): the next round sees it as it is now
                            LOG.infof("announcement of %s not closed: %s", id, f.toString());
                            return Uni.createFrom().voidItem();
                        }))
                .collect()
                .last()
                .map(x -> closed.get());
    }

    private static Uni<Void> unlock(Mutiny.Session lock) {
        return lock.createNativeQuery("SELECT pg_advisory_unlock(?1)", Boolean.class)
                .setParameter(1, LOCK)
                .getSingleResult()
                .replaceWithVoid();
    }

    /**
     * The reservation an approval asks for: derived from the application and the procedure's
     * version, so that a retried command asks for the same one, never a second.
     */
    public static UUID reservationFor(UUID application, long version) {
        return UUID.nameUUIDFromBytes((application + ":reservation:" + version).getBytes(StandardCharsets.UTF_8));
    }
}
