package io.grantflow.budget.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.application.LedgerWriter;
import io.grantflow.budget.domain.Account;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.Book;
import io.grantflow.budget.domain.Claim;
import io.grantflow.budget.domain.InstalmentPlan;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.budget.domain.Reservation;
import io.grantflow.budget.domain.ReservationRequest;
import io.grantflow.budget.persistence.LedgerStore;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.platform.messaging.MessageContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Random sequences of budget operations through the real writer on the real PostgreSQL, all
 * submitted at once so that the writer batches them as it would under load. After each sequence:
 * no account is over its limit, every balance equals the sum of its entries, no reservation is
 * resolved more than once or for more than it holds, money is conserved, and the database holds
 * exactly what the same operations applied one by one to the ledger's rules in memory give.
 *
 * <p>Plain JUnit with a seeded generator: the base seed is printed at the start, each sequence's seed
 * is in its name, and {@code -Dledger.properties.seed=<seed> -Dledger.properties.tries=1} replays it.
 * The same properties run over a deliberately broken store and must catch it.
 */
class LedgerPropertiesIT {
    private static final LedgerRules RULES = new LedgerRules(300_00, 3, Duration.ofDays(1));
    private static final AtomicInteger TRY = new AtomicInteger();
    private static final String PROGRAMME = "S4-EDGE-COMPUTE";
    private static LedgerFixture fixture;
    private static LedgerFixture broken;

    private static final int TRIES = Integer.getInteger("ledger.properties.tries", 100);
    private static final long SEED = Long.getLong("ledger.properties.seed", System.nanoTime());

    @BeforeAll
    static void schema() throws Exception {
        System.out.printf(
                "ledger properties: base seed %d, %d sequences (replay one with -Dledger.properties.seed=<seed>"
                        + " -Dledger.properties.tries=1)%n",
                SEED, TRIES);
        fixture = LedgerFixture.fresh("ledger_properties", RULES, 16);
        broken = LedgerFixture.fresh("ledger_properties_broken", RULES, 16, ForgetfulStore::new);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
        if (broken != null) {
            broken.close();
        }
    }

    /** A store with a bug a ledger could have: it never writes the fiscal year's total back. */
    static final class ForgetfulStore extends LedgerStore {
        ForgetfulStore(ObjectMapper json) {
            super(json);
        }

        @Override
        public void updateAccounts(Connection c, List<Account> accounts) throws SQLException {
            super.updateAccounts(
                    c,
                    accounts.stream()
                            .filter(a -> a.kind() != AccountKind.FISCAL_YEAR_TOTAL)
                            .toList());
        }
    }

    /** A store that holds the writer inside the batch that touches {@link #BLOCKER} until released. */
    static final class GatedStore extends LedgerStore {
        static final UUID BLOCKER = UUID.randomUUID();
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        GatedStore(ObjectMapper json) {
            super(json);
        }

        @Override
        public List<Reservation> lockReservations(Connection c, Collection<UUID> ids) throws SQLException {
            if (ids.contains(BLOCKER)) {
                try {
                    RELEASE.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.lockReservations(c, ids);
        }
    }

    /**
     * Sequence seed 15562831610032 found this: a reservation stored by an earlier batch and voided in
     * the batch that then sets its programme's first allocation. The allocation comes after the void,
     * so nothing is committed for it any more and it is set, whatever the stored status still said
     * when the batch began. Held deterministically: both commands queue while the writer is held.
     */
    @Test
    void anAllocationAfterAVoidInTheSameBatchFindsNothingCommitted() throws Exception {
        try (LedgerFixture gated = LedgerFixture.fresh("ledger_properties_gated", RULES, 16, GatedStore::new)) {
            int year = 1890;
            String tag = "gated-" + UUID.randomUUID();
            Instant now = Instant.now();
            LedgerWriter.Origin origin = LedgerWriter.Origin.of(new MessageContext(tag, null), "property");
            gated.writer
                    .submit(
                            new LedgerCommand.SetLimit(
                                    Accounts.fiscalYearTotal(year), AccountKind.FISCAL_YEAR_TOTAL, year, 300_00),
                            origin)
                    .get(60, TimeUnit.SECONDS);
            assertThat(describe(gated.writer
                            .submit(reserve(tag, year, now, 1, amountOf(1)), origin)
                            .get(60, TimeUnit.SECONDS)))
                    .isEqualTo("Reserved replay=false");

            CompletableFuture<LedgerResult> held =
                    gated.writer.submit(new LedgerCommand.Void(GatedStore.BLOCKER, "hold the writer"), origin);
            CompletableFuture<LedgerResult> voided =
                    gated.writer.submit(new LedgerCommand.Void(id(tag, 1), "property test"), origin);
            CompletableFuture<LedgerResult> allocation = gated.writer.submit(
                    new LedgerCommand.SetLimit(
                            Accounts.programme(year, PROGRAMME), AccountKind.PROGRAMME_ALLOCATION, year, 60_00),
                    origin);
            GatedStore.RELEASE.countDown();

            assertThat(describe(held.get(60, TimeUnit.SECONDS))).isEqualTo("Rejected UNKNOWN_RESERVATION");
            assertThat(describe(voided.get(60, TimeUnit.SECONDS))).startsWith("Voided ");
            assertThat(describe(allocation.get(60, TimeUnit.SECONDS)))
                    .as("the programme's first allocation, set after its only reservation was voided")
                    .isEqualTo("LimitSet " + Accounts.programme(year, PROGRAMME) + " 6000 replay=false");
        }
    }

    /** One operation of a generated sequence; slots name reservations within the sequence. */
    sealed interface Op {
        record SetTotal(int yearOffset, long yuan) implements Op {}

        record SetAllocation(long yuan) implements Op {}
        /** The body of a slot's reservation follows from the slot, so a repeat is a replay... */
        record Reserve(int slot) implements Op {}
        /** ...and this one, with another amount, an idempotency conflict. */
        record ReserveOther(int slot, long yuan) implements Op {}

        record Post(int slot, int percent, boolean laterYear) implements Op {}

        record Void(int slot) implements Op {}

        record Expire(int slot) implements Op {}
        /** A clawback of quarters/8 of the slot's award. */
        record Reverse(int slot, int reversal, long quarters) implements Op {}
    }

    /** Weights of the operations a sequence is made of (set total, allocation, reserve, other body, post, void, expire, reverse). */
    private static final int[] WEIGHTS = {2, 1, 8, 1, 6, 2, 2, 3};

    /** A sequence: the totals and some reservations first, so that most operations find something to act on. */
    static List<Op> sequence(Random random) {
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.SetTotal(0, 300));
        ops.add(new Op.SetTotal(1, 200));
        random.ints(random.nextInt(7), 0, 8).distinct().forEach(s -> ops.add(new Op.Reserve(s)));
        int length = 1 + random.nextInt(50);
        for (int i = 0; i < length; i++) {
            ops.add(op(random));
        }
        return ops;
    }

    private static Op op(Random random) {
        int total = Arrays.stream(WEIGHTS).sum();
        int pick = random.nextInt(total);
        int kind = 0;
        while (pick >= WEIGHTS[kind]) {
            pick -= WEIGHTS[kind++];
        }
        int slot = random.nextInt(8);
        return switch (kind) {
            case 0 -> new Op.SetTotal(random.nextInt(2), new long[] {0, 50, 100, 200, 400}[random.nextInt(5)]);
            case 1 -> new Op.SetAllocation(new long[] {60, 150, 1000}[random.nextInt(3)]);
            case 2 -> new Op.Reserve(slot);
            case 3 -> new Op.ReserveOther(slot, 1 + random.nextInt(120));
            case 4 -> new Op.Post(slot, 1 + random.nextInt(100), random.nextBoolean());
            case 5 -> new Op.Void(slot);
            case 6 -> new Op.Expire(slot);
            default -> new Op.Reverse(slot, random.nextInt(3), 1 + random.nextInt(4));
        };
    }

    @TestFactory
    Stream<DynamicTest> theLedgersInvariantsHoldOverAnySequenceOfOperations() {
        return IntStream.range(0, TRIES).mapToObj(i -> {
            long seed = SEED + i;
            return DynamicTest.dynamicTest("sequence " + i + " (seed " + seed + ")", () -> {
                List<Op> ops = sequence(new Random(seed));
                try {
                    holds(fixture, ops);
                } catch (AssertionError e) {
                    throw new AssertionError(
                            "seed " + seed + " (replay with -Dledger.properties.seed=" + seed
                                    + " -Dledger.properties.tries=1), operations " + ops + ": " + e.getMessage(),
                            e);
                }
            });
        });
    }

    /** The properties are worth something only if they catch a broken ledger: most sequences must fail on this one. */
    @TestFactory
    Stream<DynamicTest> theSamePropertiesCatchAStoreThatForgetsToWriteTheTotalBack() {
        long seed = SEED;
        return Stream.of(DynamicTest.dynamicTest("20 sequences over the forgetful store (seed " + seed + ")", () -> {
            int caught = 0;
            for (int i = 0; i < 20; i++) {
                try {
                    holds(broken, sequence(new Random(seed + i)));
                } catch (AssertionError | ExecutionException expected) {
                    // a property failed, or the ledger's own guard refused to go on (a balance going negative)
                    caught++;
                }
            }
            System.out.printf("ledger properties: the forgetful store was caught in %d of 20 sequences%n", caught);
            assertThat(caught)
                    .as("sequences whose properties failed on the broken store (seed %d)", seed)
                    .isGreaterThanOrEqualTo(15);
        }));
    }

    private static void holds(LedgerFixture fixture, List<Op> ops) throws Exception {
        int run = TRY.incrementAndGet();
        int year = 1900 + 3 * run;
        String tag = "P" + run + "-" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now();
        List<LedgerCommand> commands = new ArrayList<>();
        for (Op op : ops) {
            commands.add(command(op, year, tag, now));
        }
        Book model = new Book(RULES);
        List<String> expected = new ArrayList<>();
        for (LedgerCommand c : commands) {
            expected.add(describe(model.apply(c, Instant.now())));
        }
        List<CompletableFuture<LedgerResult>> futures = new ArrayList<>();
        for (LedgerCommand c : commands) {
            futures.add(fixture.writer.submit(c, LedgerWriter.Origin.of(new MessageContext(tag, null), "property")));
        }
        List<String> actual = new ArrayList<>();
        for (CompletableFuture<LedgerResult> f : futures) {
            actual.add(describe(f.get(60, TimeUnit.SECONDS)));
        }
        assertThat(actual).as("results through the writer and the database").isEqualTo(expected);

        try (Connection c = fixture.connection()) {
            assertThat(
                            rows(
                                    c,
                                    "SELECT id FROM account WHERE limit_amount IS NOT NULL AND pending + posted > limit_amount"))
                    .as("accounts over their limit")
                    .isEmpty();
            assertThat(rows(c, """
                    SELECT a.id FROM account a LEFT JOIN (
                        SELECT account_id,
                               sum(CASE WHEN kind = 'RESERVE' THEN amount WHEN kind IN ('POST','RELEASE','VOID','EXPIRE')
                                        THEN -amount ELSE 0 END) AS pending,
                               sum(CASE WHEN kind = 'POST' THEN amount WHEN kind = 'REVERSE' THEN -amount ELSE 0 END) AS posted
                          FROM ledger_entry GROUP BY account_id) e ON e.account_id = a.id
                     WHERE a.pending <> coalesce(e.pending, 0) OR a.posted <> coalesce(e.posted, 0)"""))
                    .as("accounts whose balance is not the sum of their entries")
                    .isEmpty();
            assertThat(rows(c, """
                    SELECT e.transfer_id || ' ' || e.account_id FROM ledger_entry e JOIN transfer t ON t.id = e.transfer_id
                     WHERE t.kind = 'RESERVATION'
                     GROUP BY e.transfer_id, e.account_id, t.status
                    HAVING sum(CASE WHEN e.kind IN ('POST','RELEASE','VOID','EXPIRE') THEN e.amount ELSE 0 END)
                           > sum(CASE WHEN e.kind = 'RESERVE' THEN e.amount ELSE 0 END)
                        OR (t.status <> 'PENDING' AND sum(CASE WHEN e.kind IN ('POST','RELEASE','VOID','EXPIRE')
                               THEN e.amount ELSE 0 END) <> sum(CASE WHEN e.kind = 'RESERVE' THEN e.amount ELSE 0 END))
                        OR (t.status IN ('VOIDED','EXPIRED') AND sum(CASE WHEN e.kind = 'POST' THEN 1 ELSE 0 END) > 0)"""))
                    .as("reservations resolved twice, for more than they hold, or not wholly when resolved")
                    .isEmpty();
            assertThat(rows(c, """
                    SELECT t.id FROM transfer t WHERE t.kind = 'RESERVATION' AND t.status = 'REFUSED'
                       AND EXISTS (SELECT 1 FROM ledger_entry e WHERE e.transfer_id = t.id)""")).as("refused reservations that moved money").isEmpty();
            // conserved: what the year's total holds is what its reservations hold, net of reversals
            assertThat(rows(c, """
                    SELECT a.id FROM account a WHERE a.kind = 'FISCAL_YEAR_TOTAL' AND a.pending + a.posted <> coalesce((
                        SELECT sum(CASE WHEN e.kind = 'RESERVE' THEN e.amount
                                        WHEN e.kind IN ('RELEASE','VOID','EXPIRE','REVERSE') THEN -e.amount ELSE 0 END)
                          FROM ledger_entry e WHERE e.account_id = a.id), 0)"""))
                    .as("totals whose commitment is not their transfers' net")
                    .isEmpty();
            for (Account m : model.accounts()) {
                Map<String, BigDecimal> db = balance(c, m.id());
                AccountKind.Unit u = m.kind().unit();
                assertThat(db).as("account %s exists", m.id()).isNotEmpty();
                assertThat(db.get("pending"))
                        .as("%s pending", m.id())
                        .isEqualByComparingTo(LedgerStore.decimal(u, m.pending()));
                assertThat(db.get("posted"))
                        .as("%s posted", m.id())
                        .isEqualByComparingTo(LedgerStore.decimal(u, m.posted()));
            }
        }
    }

    private static LedgerCommand command(Op op, int year, String tag, Instant now) {
        if (op instanceof Op.SetTotal t) {
            int y = year + t.yearOffset();
            return new LedgerCommand.SetLimit(
                    Accounts.fiscalYearTotal(y), AccountKind.FISCAL_YEAR_TOTAL, y, t.yuan() * 100);
        } else if (op instanceof Op.SetAllocation a) {
            return new LedgerCommand.SetLimit(
                    Accounts.programme(year, PROGRAMME), AccountKind.PROGRAMME_ALLOCATION, year, a.yuan() * 100);
        } else if (op instanceof Op.Reserve r) {
            return reserve(tag, year, now, r.slot(), amountOf(r.slot()));
        } else if (op instanceof Op.ReserveOther r) {
            return reserve(tag, year, now, r.slot(), r.yuan() * 100 + 1);
        } else if (op instanceof Op.Post p) {
            // a share of the slot's instalment (of the award year or the next): more than it holds is refused
            long amount = amountOf(p.slot());
            long instalment = staged(p.slot()) ? (p.laterYear() ? amount - amount / 2 : amount / 2) : amount;
            return new LedgerCommand.Post(
                    id(tag, p.slot()), p.laterYear() ? year + 1 : null, Math.max(1, instalment * p.percent() / 100));
        } else if (op instanceof Op.Void v) {
            return new LedgerCommand.Void(id(tag, v.slot()), "property test");
        } else if (op instanceof Op.Expire e) {
            return new LedgerCommand.Expire(id(tag, e.slot()));
        } else if (op instanceof Op.Reverse r) {
            return new LedgerCommand.Reverse(
                    UUID.nameUUIDFromBytes((tag + "/rev/" + r.reversal()).getBytes()),
                    id(tag, r.slot()),
                    Math.max(1, amountOf(r.slot()) * r.quarters() / 8),
                    "clawback " + r.reversal());
        }
        throw new IllegalArgumentException(op.toString());
    }

    private static long amountOf(int slot) {
        return (5 + slot * 9) * 100L + slot;
    }

    private static boolean staged(int slot) {
        return slot % 3 == 0;
    }

    private static LedgerCommand reserve(String tag, int year, Instant now, int slot, long amount) {
        List<InstalmentPlan> plan = staged(slot)
                ? List.of(new InstalmentPlan(year, amount / 2), new InstalmentPlan(year + 1, amount - amount / 2))
                : null;
        List<Claim> claims = new ArrayList<>();
        int mask = (slot * 5) % 8;
        if ((mask & 1) != 0) {
            claims.add(new Claim(LimitKind.EXCLUSIVE_GROUP, tag + "/group", 1));
        }
        if ((mask & 2) != 0) {
            claims.add(new Claim(LimitKind.SUBJECT_CUMULATIVE, tag + "/subject", 150_00));
        }
        if ((mask & 4) != 0) {
            claims.add(new Claim(LimitKind.PROGRAMME_CEILING, tag + "/" + slot, 60_00));
        }
        return new LedgerCommand.Reserve(new ReservationRequest(
                id(tag, slot),
                UUID.nameUUIDFromBytes(tag.getBytes()),
                PROGRAMME,
                "industry",
                beneficiary(tag, slot % 3),
                null,
                year,
                amount,
                plan,
                claims,
                slot == 5 ? now.minusSeconds(3600) : now.plusSeconds(3600)));
    }

    /** The {@code n}th beneficiary of a sequence: a valid unified social credit code of its own. */
    private static String beneficiary(String tag, int n) {
        long digits = Math.floorMod((tag + "/" + n).hashCode(), 1_000_000_000L);
        return SocialCreditCode.complete(String.format("91320214%09d", digits));
    }

    private static UUID id(String tag, int slot) {
        return UUID.nameUUIDFromBytes((tag + "/" + slot).getBytes());
    }

    static String describe(LedgerResult r) {
        if (r instanceof LedgerResult.Reserved x) {
            return "Reserved replay=" + x.replay();
        } else if (r instanceof LedgerResult.Refused x) {
            return "Refused " + x.refusal() + " replay=" + x.replay();
        } else if (r instanceof LedgerResult.Posted x) {
            return "Posted " + x.fiscalYear() + " " + x.posted() + " " + x.released() + " replay=" + x.replay();
        } else if (r instanceof LedgerResult.Voided x) {
            return "Voided " + x.released() + " replay=" + x.replay();
        } else if (r instanceof LedgerResult.Expired x) {
            return "Expired " + x.released() + " replay=" + x.replay();
        } else if (r instanceof LedgerResult.Reversed x) {
            return "Reversed " + x.reversal().amount() + " replay=" + x.replay();
        } else if (r instanceof LedgerResult.LimitSet x) {
            return "LimitSet " + x.account().id() + " " + x.limit() + " replay=" + x.replay();
        } else if (r instanceof LedgerResult.Rejected x) {
            return "Rejected " + x.code();
        }
        return r.toString();
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Map<String, BigDecimal> balance(Connection c, String id) throws Exception {
        Map<String, BigDecimal> out = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT pending, posted FROM account WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    out.put("pending", rs.getBigDecimal(1));
                    out.put("posted", rs.getBigDecimal(2));
                }
            }
        }
        return out;
    }
}
