package io.grantflow.budget.bench;

import io.grantflow.budget.application.LedgerWriter;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.Approval;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.budget.domain.ReservationRequest;
import io.grantflow.budget.ledger.LedgerFixture;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.platform.messaging.InboxKey;
import io.grantflow.platform.messaging.MessageContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Reservations per second on one hot fiscal-year account, over the real PostgreSQL with
 * synchronous commit, in one run: a naive baseline (one transaction with SELECT … FOR UPDATE per
 * reservation, writing the same rows: the transfer, its entry and its outbox message) beside
 * the ledger's single batching writer. Then the last-yuan check: many clients at once for a small
 * remainder, and the account must end at or under its limit with its balance equal to its
 * entries. Figures go to docs/benchmarks.md.
 *
 * <p>Args: seconds per phase (default 15), baseline clients (32), writer threads (16),
 * reservations in flight per writer thread (64).
 */
public final class LedgerBenchmark {
    /** 20,000 enterprises, each with a valid unified social credit code. */
    private static final String[] ENTERPRISES = IntStream.range(0, 20_000)
            .mapToObj(i -> SocialCreditCode.complete(String.format("91320214%09d", i)))
            .toArray(String[]::new);

    private static final Approval FOUR_EYES = Approval.blockGrant("bench-proposer", "bench-approver");
    private static final long AMOUNT = 100; // 1.00 yuan in fen

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int baselineClients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        try (LedgerFixture f = LedgerFixture.fresh("ledger_bench", LedgerRules.DEFAULTS, 2000)) {
            try (Connection c = f.connection();
                    Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery(
                        "SELECT current_setting('synchronous_commit'), current_setting('fsync'), version()");
                rs.next();
                System.out.printf(
                        "PostgreSQL: synchronous_commit=%s fsync=%s (%s)%n",
                        rs.getString(1), rs.getString(2), rs.getString(3).split(",")[0]);
                if (!"on".equals(rs.getString(1))) {
                    throw new IllegalStateException("synchronous_commit must be on for this benchmark");
                }
            }
            Result base = baseline(f, seconds, baselineClients);
            print(
                    "naive baseline (SELECT … FOR UPDATE, one transaction per reservation), " + baselineClients
                            + " clients",
                    base);
            Result engine = engine(f, seconds, threads, inFlight, 1999, false, false);
            print("ledger writer (batched), " + threads + " threads x " + inFlight + " in flight", engine);
            Result claimed = engine(f, seconds, threads, inFlight, 1997, false, true);
            print(
                    "ledger writer (batched), " + threads + " threads x " + inFlight
                            + " in flight, each command with its inbox claim (as from Kafka)",
                    claimed);
            Result closed = engine(f, seconds, 64, 1, 1998, false, false);
            print("ledger writer (batched), 64 clients, one reservation at a time each", closed);
            Result g4 = engine(f, seconds, threads, inFlight, 1995, true, false);
            print(
                    "ledger writer, enterprise awards: the total and each of 20,000 enterprises' G4 amount and count accounts, "
                            + threads + " threads x " + inFlight + " in flight",
                    g4);
            System.out.printf("speed-up: %.1fx the baseline%n", engine.perSecond() / base.perSecond());
            lastYuan(f);
            System.out.printf(
                    "writer: %d batches, %d commands, %.0f commands per batch on average%n",
                    f.writer.batches(),
                    f.writer.commands(),
                    (double) f.writer.commands() / Math.max(1, f.writer.batches()));
        }
    }

    record Result(long ok, long refused, double seconds, long[] latenciesMicros) {
        double perSecond() {
            return ok / seconds;
        }
    }

    private static void print(String what, Result r) {
        long[] l = r.latenciesMicros();
        Arrays.sort(l);
        System.out.printf(
                "%s: %,d reserved (%,d refused) in %.1f s = %,.0f reservations/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                what,
                r.ok(),
                r.refused(),
                r.seconds(),
                r.perSecond(),
                pct(l, 0.50),
                pct(l, 0.99),
                l.length == 0 ? 0 : l[l.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0
                ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
    }

    private static void setTotal(LedgerFixture f, int year, long limit) throws Exception {
        LedgerResult r = f.writer
                .submit(
                        new LedgerCommand.SetLimit(
                                Accounts.fiscalYearTotal(year), AccountKind.FISCAL_YEAR_TOTAL, year, limit),
                        LedgerWriter.Origin.of(new MessageContext("bench", null), "bench"))
                .get(30, TimeUnit.SECONDS);
        if (!(r instanceof LedgerResult.LimitSet)) {
            throw new IllegalStateException(r.toString());
        }
    }

    /** What a textbook service does: lock the row, check, update, write the rows, commit, per reservation. */
    private static Result baseline(LedgerFixture f, int seconds, int clients) throws Exception {
        int year = 1997;
        setTotal(f, year, 1_000_000_000_000L);
        String account = Accounts.fiscalYearTotal(year);
        LongAdder ok = new LongAdder();
        LongAdder refused = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            AtomicLong n = new AtomicLong();
            Thread t = new Thread(() -> {
                try (Connection c = f.connection()) {
                    c.setAutoCommit(false);
                    PreparedStatement lock = c.prepareStatement(
                            "SELECT limit_amount, pending, posted FROM account WHERE id = ? FOR UPDATE");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE account SET pending = pending + ?, updated_at = now() WHERE id = ?");
                    PreparedStatement transfer = c.prepareStatement("""
                            INSERT INTO transfer (id, account_id, application_id, programme, beneficiary_id, amount, status,
                                                  created_at, fiscal_year, department)
                            VALUES (?, ?, ?, 'S4-EDGE-COMPUTE', 'bench', ?, 'PENDING', now(), ?, 'industry')""");
                    PreparedStatement entry = c.prepareStatement(
                            "INSERT INTO ledger_entry (transfer_id, account_id, kind, amount, at) VALUES (?, ?, 'RESERVE', ?, now())");
                    PreparedStatement outbox = c.prepareStatement("""
                            INSERT INTO outbox_message (id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                                                        correlation_id, payload)
                            VALUES (?, 'budget.reservation.events', ?, 'grantflow.budget.FundsReserved.v1', '/grantflow/budget',
                                    ?, now(), ?, ?)""");
                    BigDecimal amount = BigDecimal.valueOf(AMOUNT, 2);
                    start.await();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        UUID id = UUID.randomUUID();
                        UUID app = UUID.randomUUID();
                        lock.setString(1, account);
                        try (ResultSet rs = lock.executeQuery()) {
                            rs.next();
                            BigDecimal left = rs.getBigDecimal(1)
                                    .subtract(rs.getBigDecimal(2))
                                    .subtract(rs.getBigDecimal(3));
                            if (left.compareTo(amount) < 0) {
                                c.rollback();
                                refused.increment();
                                continue;
                            }
                        }
                        update.setBigDecimal(1, amount);
                        update.setString(2, account);
                        update.executeUpdate();
                        transfer.setObject(1, id);
                        transfer.setString(2, account);
                        transfer.setObject(3, app);
                        transfer.setBigDecimal(4, amount);
                        transfer.setInt(5, year);
                        transfer.executeUpdate();
                        entry.setObject(1, id);
                        entry.setString(2, account);
                        entry.setBigDecimal(3, amount);
                        entry.executeUpdate();
                        outbox.setObject(1, UUID.randomUUID());
                        outbox.setString(2, app.toString());
                        outbox.setString(3, app.toString());
                        outbox.setString(4, app.toString());
                        outbox.setString(5, "{\"reservationId\":\"" + id + "\",\"amount\":\"1.00\"}");
                        outbox.executeUpdate();
                        c.commit();
                        ok.increment();
                        long k = n.getAndIncrement();
                        if (k < mine.length) {
                            mine[(int) k] = (System.nanoTime() - t0) / 1000;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            workers.add(t);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        double took = (System.nanoTime() - t0) / 1e9;
        checkAccount(f, account);
        return new Result(ok.sum(), refused.sum(), took, flatten(latencies));
    }

    /**
     * The same hot account through the writer: many reservations in flight, committed in batches;
     * with {@code claims}, each carries the inbox key a Kafka message gives it and is claimed in its batch.
     */
    private static Result engine(
            LedgerFixture f, int seconds, int threads, int inFlight, int year, boolean enterprises, boolean claims)
            throws Exception {
        AtomicLong sequence = new AtomicLong();
        setTotal(f, year, 1_000_000_000_000L);
        LongAdder ok = new LongAdder();
        LongAdder refused = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        Instant expires = Instant.now().plusSeconds(86_400);
        for (int i = 0; i < threads; i++) {
            long[] mine = new long[4_000_000];
            latencies.add(mine);
            AtomicLong n = new AtomicLong();
            Semaphore window = new Semaphore(inFlight);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < end) {
                        window.acquire();
                        long t0 = System.nanoTime();
                        UUID id = UUID.randomUUID();
                        // a block grant to a district: the G4 per-beneficiary ceilings do not apply, so the
                        // reservation touches the hot fiscal-year account and nothing else, like the baseline
                        ReservationRequest r = enterprises
                                ? new ReservationRequest(
                                        id,
                                        UUID.randomUUID(),
                                        "S4-EDGE-COMPUTE",
                                        "industry",
                                        ENTERPRISES[(int) (sequence.getAndIncrement() % ENTERPRISES.length)],
                                        "enterprise",
                                        year,
                                        AMOUNT,
                                        null,
                                        null,
                                        expires)
                                : new ReservationRequest(
                                        id,
                                        UUID.randomUUID(),
                                        "S2-AI-PARK",
                                        "industry",
                                        "xinwu",
                                        ReservationRequest.DISTRICT,
                                        year,
                                        AMOUNT,
                                        null,
                                        null,
                                        expires,
                                        FOUR_EYES);
                        MessageContext context = new MessageContext(id.toString(), null);
                        CompletableFuture<LedgerResult> done = f.writer.submit(
                                new LedgerCommand.Reserve(r),
                                claims
                                        ? new LedgerWriter.Origin(
                                                new InboxKey("budget.commands", id.toString()), context, "bench")
                                        : LedgerWriter.Origin.of(context, "bench"));
                        done.whenComplete((result, failure) -> {
                            window.release();
                            if (result instanceof LedgerResult.Reserved) {
                                ok.increment();
                                long k = n.getAndIncrement();
                                if (k < mine.length) {
                                    mine[(int) k] = (System.nanoTime() - t0) / 1000;
                                }
                            } else {
                                refused.increment();
                            }
                        });
                    }
                    window.acquire(inFlight);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            workers.add(t);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        double took = (System.nanoTime() - t0) / 1e9;
        checkAccount(f, Accounts.fiscalYearTotal(year));
        return new Result(ok.sum(), refused.sum(), took, flatten(latencies));
    }

    /** 256 clients at once for the last 100.00 yuan, each asking 1.00: exactly 100 get it, nothing over. */
    private static void lastYuan(LedgerFixture f) throws Exception {
        int year = 1996;
        setTotal(f, year, 100 * AMOUNT);
        List<CompletableFuture<LedgerResult>> all = new ArrayList<>();
        Instant expires = Instant.now().plusSeconds(86_400);
        for (int i = 0; i < 256; i++) {
            UUID id = UUID.randomUUID();
            all.add(f.writer.submit(
                    new LedgerCommand.Reserve(new ReservationRequest(
                            id,
                            UUID.randomUUID(),
                            "S2-AI-PARK",
                            "industry",
                            "xinwu",
                            ReservationRequest.DISTRICT,
                            year,
                            AMOUNT,
                            null,
                            null,
                            expires,
                            FOUR_EYES)),
                    LedgerWriter.Origin.of(new MessageContext(id.toString(), null), "bench")));
        }
        long ok = 0;
        for (CompletableFuture<LedgerResult> c : all) {
            if (c.get(60, TimeUnit.SECONDS) instanceof LedgerResult.Reserved) {
                ok++;
            }
        }
        checkAccount(f, Accounts.fiscalYearTotal(year));
        System.out.printf("last yuan: 256 requests of 1.00 for 100.00 left: %d reserved, %d refused%n", ok, 256 - ok);
        if (ok != 100) {
            throw new IllegalStateException("expected exactly 100 reservations, got " + ok);
        }
    }

    /** Zero overspend: at or under the limit, and the balance is the sum of the entries. */
    private static void checkAccount(LedgerFixture f, String account) throws Exception {
        try (Connection c = f.connection();
                PreparedStatement s = c.prepareStatement("""
                SELECT a.limit_amount, a.pending + a.posted,
                       (SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE account_id = a.id AND kind = 'RESERVE')
                  FROM account a WHERE a.id = ?""")) {
            s.setString(1, account);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                BigDecimal limit = rs.getBigDecimal(1);
                BigDecimal held = rs.getBigDecimal(2);
                BigDecimal entries = rs.getBigDecimal(3);
                boolean fine = held.compareTo(limit) <= 0 && held.compareTo(entries) == 0;
                System.out.printf(
                        "check %s: held %s of limit %s, entries %s: %s%n",
                        account,
                        held.toPlainString(),
                        limit.toPlainString(),
                        entries.toPlainString(),
                        fine ? "zero overspend, balance = entries" : "FAILED");
                if (!fine) {
                    throw new IllegalStateException("overspend or drift on " + account);
                }
            }
        }
    }

    private static long[] flatten(List<long[]> parts) {
        return parts.stream()
                .flatMapToLong(p -> Arrays.stream(p).filter(v -> v > 0))
                .toArray();
    }
}
