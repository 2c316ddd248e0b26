package io.grantflow.budget.application;

import io.grantflow.budget.domain.Account;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.Book;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.budget.domain.Reservation;
import io.grantflow.budget.persistence.LedgerStore;
import io.grantflow.platform.messaging.InboxClaims;
import io.grantflow.platform.messaging.InboxKey;
import io.grantflow.platform.messaging.JdbcOutbox;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.OutboxMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The single writer of the ledger (ADR 0012). Commands queue up while a batch commits; the next
 * batch takes all of them (up to the batch size), locks the rows they touch once, applies them
 * one after another in memory under the ledger's rules, and writes the transfers, entries,
 * balances, outbox messages and inbox claims in one transaction. A hot account is then updated
 * once per batch instead of once per reservation, which is where the speed comes from; the row
 * locks keep a second instance correct, and the database's CHECK keeps every account within its
 * limit even if this code were wrong.
 *
 * <p>A batch that fails is rolled back and its commands applied one by one, so that one bad
 * command fails alone; a command that keeps failing fails its caller after the attempts allowed.
 * This class is plain Java so that tests and the benchmark run it without Quarkus.
 */
public final class LedgerWriter implements AutoCloseable {
    /** Where a command came from: its inbox key (if it came as a message) and the context of what it causes. */
    public record Origin(InboxKey inbox, MessageContext context, String actor) {
        public static Origin of(MessageContext context, String actor) {
            return new Origin(null, context, actor);
        }
    }

    /**
     * The writer stopped (shutdown, or a fatal error) before it applied the command: nothing was
     * applied, and a message that carried it must be left unsettled, to be delivered again.
     */
    public static final class StoppedException extends IllegalStateException {
        public StoppedException() {
            super("the ledger writer stopped before applying the command");
        }
    }

    /** Thrown to a caller when the queue is full: retry later. */
    public static final class BusyException extends RuntimeException {
        public BusyException() {
            super("the ledger writer's queue is full");
        }
    }

    private record Work(LedgerCommand command, Origin origin, CompletableFuture<LedgerResult> done) {}

    private final DataSource dataSource;
    private final LedgerStore store;
    private final LedgerRules rules;
    private final EventFactory events;
    private final int batchSize;
    private final int attempts;
    private final Clock clock;
    private final BlockingQueue<Work> queue;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long batches;
    private volatile long commands;

    /** Turns results into the outbox rows that announce them. */
    public interface EventFactory {
        List<OutboxMessage> rows(LedgerResult result, MessageContext context);
    }

    public LedgerWriter(
            DataSource dataSource,
            LedgerStore store,
            LedgerRules rules,
            EventFactory events,
            int batchSize,
            int queueCapacity,
            int attempts,
            Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.rules = rules;
        this.events = events;
        this.batchSize = batchSize;
        this.attempts = attempts;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::loop, "ledger-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a command; the future completes once its batch has committed (or it failed for good). */
    public CompletableFuture<LedgerResult> submit(LedgerCommand command, Origin origin) {
        CompletableFuture<LedgerResult> done = new CompletableFuture<>();
        Work work = new Work(command, origin, done);
        if (!running) {
            done.completeExceptionally(new StoppedException());
        } else if (!queue.offer(work)) {
            done.completeExceptionally(new BusyException());
        } else if (!running && queue.remove(work)) {
            // close() drained the queue between the check and the offer
            done.completeExceptionally(new StoppedException());
        }
        return done;
    }

    public long batches() {
        return batches;
    }

    public long commands() {
        return commands;
    }

    public LedgerRules rules() {
        return rules;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Work w;
        while ((w = queue.poll()) != null) {
            w.done().completeExceptionally(new StoppedException());
        }
    }

    /** Whether the writer takes commands (false after close, or after a fatal error). */
    public boolean running() {
        return running && thread.isAlive();
    }

    private void loop() {
        List<Work> batch = new ArrayList<>(batchSize);
        try {
            while (running) {
                try {
                    Work first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    run(batch);
                } catch (InterruptedException e) {
                    if (!running) {
                        break;
                    }
                } catch (RuntimeException e) {
                    fail(batch, e);
                } finally {
                    // whatever left the batch unfinished (a stop, an interrupt, an Error) fails its callers now
                    fail(batch, new StoppedException());
                    batch.clear();
                }
            }
        } catch (Throwable fatal) {
            // an Error: stop taking commands rather than queue them for a writer that is gone
            running = false;
            fail(batch, fatal);
            throw fatal;
        } finally {
            fail(batch, new StoppedException());
            Work w;
            while ((w = queue.poll()) != null) {
                w.done().completeExceptionally(new StoppedException());
            }
        }
    }

    private static void fail(List<Work> batch, Throwable cause) {
        for (Work w : batch) {
            w.done().completeExceptionally(cause);
        }
    }

    /**
     * Failures that say nothing about the commands (the connection, a failover, a deadlock, a
     * serialisation conflict, resources): the whole batch is tried again as it is, however long
     * the database takes to come back, rather than blamed on one command.
     */
    static boolean isTransient(Throwable e) {
        if (e instanceof ConnectionUnavailable) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("08")
                        || state.equals("40001")
                        || state.equals("40P01")
                        || state.startsWith("53")
                        || state.startsWith("57P")
                        || state.equals("55P03");
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    private void run(List<Work> batch) throws InterruptedException {
        long backoff = 50;
        while (running) {
            try {
                complete(apply(batch));
                return;
            } catch (SQLException | RuntimeException e) {
                if (!isTransient(e)) {
                    break;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 2_000);
            }
        }
        if (!running) {
            return;
        }
        // A command spoiled the batch: apply each alone so that it fails alone.
        for (Work w : batch) {
            if (w.done().isDone()) {
                continue;
            }
            try {
                complete(apply(List.of(w)));
            } catch (SQLException | RuntimeException e) {
                retryAlone(w, e);
            }
        }
    }

    private void retryAlone(Work w, Exception first) throws InterruptedException {
        Exception last = first;
        long backoff = 50;
        // a passing failure is retried for as long as the writer runs; a lasting one after the attempts allowed
        for (int attempt = 2; running && (attempt <= attempts || isTransient(last)); attempt++) {
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 2_000);
            try {
                complete(apply(List.of(w)));
                return;
            } catch (SQLException | RuntimeException e) {
                last = e;
            }
        }
        w.done().completeExceptionally(last);
    }

    private void complete(Map<Work, LedgerResult> results) {
        batches++;
        commands += results.size();
        results.forEach((w, r) -> w.done().complete(r));
    }

    /** One transaction: lock, apply in order, write, commit. Throws (after rollback) if anything fails. */
    /** No connection could be had (pool exhausted, database down): says nothing about the commands. */
    static final class ConnectionUnavailable extends SQLException {
        ConnectionUnavailable(Exception cause) {
            super("no database connection", cause);
        }
    }

    private Map<Work, LedgerResult> apply(List<Work> batch) throws SQLException {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw new ConnectionUnavailable(e);
        }
        try (c) {
            c.setAutoCommit(false);
            try {
                Map<Work, LedgerResult> results = apply(c, batch);
                c.commit();
                return results;
            } catch (Throwable e) {
                // an Error too: closing the connection would otherwise commit half a batch (auto-commit reset)
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    private Map<Work, LedgerResult> apply(Connection c, List<Work> batch) throws SQLException {
        Instant now = clock.instant();
        Book book = new Book(rules);
        // Claimed before anything is applied, with the platform's idempotent claim: a message handled
        // before, or being handled by another instance right now (its claim is waited for), is not claimed.
        List<InboxKey> keys = batch.stream()
                .map(w -> w.origin().inbox())
                .filter(k -> k != null)
                .toList();
        Set<InboxKey> claimed = InboxClaims.claim(c, keys);

        Set<UUID> reservationIds = new LinkedHashSet<>();
        Set<UUID> reversalIds = new LinkedHashSet<>();
        for (Work w : batch) {
            UUID subject = w.command().subject();
            if (subject != null) {
                reservationIds.add(subject);
            }
            if (w.command() instanceof LedgerCommand.Reverse r) {
                reversalIds.add(r.reversalId());
            }
        }
        for (Reservation r : store.lockReservations(c, reservationIds)) {
            book.load(r);
        }
        store.reversals(c, reversalIds).forEach(book::load);
        // an id already held by a transfer of another kind (a reservation id reused for a clawback, say)
        Set<UUID> reserveIds = new HashSet<>();
        batch.stream()
                .filter(w -> w.command() instanceof LedgerCommand.Reserve)
                .forEach(w -> reserveIds.add(w.command().subject()));
        Set<UUID> newIds = new LinkedHashSet<>(reversalIds);
        newIds.addAll(reserveIds);
        store.kinds(c, newIds).forEach((id, kind) -> {
            if ((reserveIds.contains(id) && !"RESERVATION".equals(kind))
                    || (reversalIds.contains(id) && !"REVERSAL".equals(kind))) {
                book.taken(id);
            }
        });

        Set<String> accountIds = new TreeSet<>();
        for (Work w : batch) {
            LedgerCommand cmd = w.command();
            if (cmd instanceof LedgerCommand.Reserve r) {
                accountIds.addAll(book.accountsFor(r.request()));
            } else if (cmd instanceof LedgerCommand.SetLimit s) {
                accountIds.add(s.accountId());
                // an allocation is checked against what its year's total already holds for it, under that lock
                accountIds.add(Accounts.fiscalYearTotal(s.fiscalYear()));
            } else if (cmd.subject() != null) {
                book.reservation(cmd.subject()).ifPresent(r -> accountIds.addAll(Book.accountsOf(r)));
            }
        }
        store.lockAccounts(c, accountIds).forEach(book::load);
        for (Work w : batch) {
            if (w.command() instanceof LedgerCommand.SetLimit s
                    && s.kind() != AccountKind.FISCAL_YEAR_TOTAL
                    && book.account(s.accountId()).isEmpty()
                    // the batch's own reservations are judged by the book, as they stand when the allocation
                    // comes: one voided earlier in this batch no longer holds money the stored status still shows
                    && store.committedUnder(c, s.kind(), s.fiscalYear(), keyOf(s.accountId()), reservationIds)) {
                book.committedBefore(s.accountId());
            }
        }

        Map<Work, LedgerResult> results = new LinkedHashMap<>();
        List<OutboxMessage> outbox = new ArrayList<>();
        List<LedgerStore.LimitChange> limitChanges = new ArrayList<>();
        for (Work w : batch) {
            InboxKey key = w.origin().inbox();
            // a claim serves one command: the same message twice in a batch is a duplicate the second time
            if (key != null && !claimed.remove(key)) {
                results.put(w, new LedgerResult.Duplicate());
                continue;
            }
            Long oldLimit = w.command() instanceof LedgerCommand.SetLimit s
                    ? book.account(s.accountId()).map(Account::limit).orElse(null)
                    : null;
            LedgerResult result = book.apply(w.command(), now);
            results.put(w, result);
            if (result instanceof LedgerResult.Rejected) {
                if (key != null) {
                    // not applied: the claim goes back, for a later copy in this batch or a redelivery
                    claimed.add(key);
                }
                continue;
            }
            if (!result.replay()) {
                outbox.addAll(events.rows(result, w.origin().context()));
                if (result instanceof LedgerResult.LimitSet set) {
                    limitChanges.add(new LedgerStore.LimitChange(
                            set.account().id(),
                            set.account().kind().unit(),
                            oldLimit,
                            set.limit(),
                            w.origin().actor()));
                }
            }
        }
        List<Account> touched = book.touchedAccounts();
        store.insertAccounts(c, touched.stream().filter(Account::created).toList());
        store.updateAccounts(c, touched.stream().filter(a -> !a.created()).toList());
        store.auditLimits(c, limitChanges);
        store.insertReservations(c, book.newReservations());
        store.updateReservations(c, book.updatedReservations());
        Map<UUID, Reservation> parents = new HashMap<>();
        book.newReversals()
                .forEach(v -> book.reservation(v.reservationId())
                        .ifPresent(r -> parents.put(r.request().id(), r)));
        store.insertReversals(c, book.newReversals(), parents);
        Map<String, AccountKind.Unit> units = new HashMap<>();
        book.accounts().forEach(a -> units.put(a.id(), a.kind().unit()));
        store.insertEntries(c, book.entries(), units);
        JdbcOutbox.insert(c, outbox);
        // what is left was claimed for commands the ledger refused: those messages stay unhandled
        InboxClaims.release(c, claimed);
        return results;
    }

    /** The last part of an allocation's account id: {@code FY2026/PROGRAMME/S4-X} gives {@code S4-X}. */
    private static String keyOf(String accountId) {
        int second = accountId.indexOf('/', accountId.indexOf('/') + 1);
        return accountId.substring(second + 1);
    }

    /** Commands waiting for the writer (a metric for operators). */
    public int queued() {
        return queue.size();
    }
}
