package io.grantflow.budget.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.domain.Account;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.budget.persistence.LedgerQueries;
import io.grantflow.budget.persistence.LedgerStore;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/** Balances, burn-down, forecast and headroom, read from the ledger. */
@ApplicationScoped
public class BudgetQueries {
    private static final ZoneId POLICY_ZONE = Vocabulary.POLICY_ZONE;
    private final LedgerQueries queries;
    private final Ledger ledger;
    private final Clock clock = Clock.systemUTC();

    private final ObjectMapper json;

    public BudgetQueries(LedgerQueries queries, Ledger ledger, ObjectMapper json) {
        this.queries = queries;
        this.ledger = ledger;
        this.json = json;
    }

    /** An account's balance in yuan (or awards); {@code limit} and {@code available} are null where no limit is set. */
    public record Balance(
            String account,
            AccountKind kind,
            Integer fiscalYear,
            String unit,
            BigDecimal limit,
            BigDecimal pending,
            BigDecimal posted,
            BigDecimal available) {
        static Balance of(Account a) {
            AccountKind.Unit u = a.kind().unit();
            BigDecimal limit = a.limit() == null ? null : LedgerStore.decimal(u, a.limit());
            BigDecimal available =
                    a.limit() == null ? null : LedgerStore.decimal(u, a.limit() - a.pending() - a.posted());
            return new Balance(
                    a.id(),
                    a.kind(),
                    a.fiscalYear(),
                    LedgerQueries.unitLabel(u),
                    limit,
                    LedgerStore.decimal(u, a.pending()),
                    LedgerStore.decimal(u, a.posted()),
                    available);
        }
    }

    private static <T> Uni<T> blocking(Supplier<T> read) {
        return Uni.createFrom().item(read).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Uni<Balance> account(String id) {
        return blocking(() ->
                queries.account(id).map(Balance::of).orElseThrow(() -> ProblemException.notFound("账户", "account", id)));
    }

    public Uni<Balance> fiscalYear(int fiscalYear) {
        String id = Accounts.fiscalYearTotal(fiscalYear);
        return blocking(() -> queries.account(id)
                .filter(Account::limitSet)
                .map(Balance::of)
                .orElseThrow(() -> ProblemException.notFound("预算", "budget", String.valueOf(fiscalYear))));
    }

    public Uni<List<Balance>> budgetAccounts(int fiscalYear) {
        return blocking(() ->
                queries.budgetAccounts(fiscalYear).stream().map(Balance::of).toList());
    }

    /** One day of a burn-down: what was committed and spent by the end of it, cumulatively. */
    public record BurnDownDay(LocalDate day, BigDecimal committed, BigDecimal posted) {}

    /** A programme's or department's use of the fiscal year's total. */
    public record BurnDownGroup(
            String group,
            BigDecimal allocation,
            BigDecimal pending,
            BigDecimal posted,
            BigDecimal remaining,
            List<BurnDownDay> days) {}

    public record BurnDown(int fiscalYear, String by, BigDecimal total, List<BurnDownGroup> groups) {}

    public Uni<BurnDown> burnDown(int fiscalYear, String by) {
        return blocking(() -> {
            Account total = queries.account(Accounts.fiscalYearTotal(fiscalYear))
                    .orElseThrow(() -> ProblemException.notFound("预算", "budget", String.valueOf(fiscalYear)));
            Map<String, List<LedgerQueries.Movement>> byGroup = new TreeMap<>();
            for (LedgerQueries.Movement m : queries.movements(total.id(), by)) {
                byGroup.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m);
            }
            List<BurnDownGroup> groups = new ArrayList<>();
            byGroup.forEach((group, moves) -> {
                BigDecimal committed = BigDecimal.ZERO.setScale(2);
                BigDecimal posted = BigDecimal.ZERO.setScale(2);
                List<BurnDownDay> days = new ArrayList<>();
                for (LedgerQueries.Movement m : moves) {
                    committed =
                            committed.add(m.reserved()).subtract(m.released()).subtract(m.reversed());
                    posted = posted.add(m.posted()).subtract(m.reversed());
                    days.add(new BurnDownDay(m.day(), committed, posted));
                }
                String allocationId = "programme".equals(by)
                        ? Accounts.programme(fiscalYear, group)
                        : Accounts.department(fiscalYear, group);
                Optional<Account> allocation = queries.account(allocationId).filter(Account::limitSet);
                BigDecimal limit = allocation
                        .map(a -> LedgerStore.decimal(AccountKind.Unit.FEN, a.limit()))
                        .orElse(null);
                groups.add(new BurnDownGroup(
                        group,
                        limit,
                        committed.subtract(posted),
                        posted,
                        limit == null ? null : limit.subtract(committed),
                        days));
            });
            return new BurnDown(
                    fiscalYear,
                    by,
                    total.limit() == null ? null : LedgerStore.decimal(AccountKind.Unit.FEN, total.limit()),
                    groups);
        });
    }

    /** When a budget account runs out if commitments go on at the rate of the last {@code windowDays} days. */
    public record Forecast(
            String account,
            AccountKind kind,
            BigDecimal available,
            int windowDays,
            BigDecimal committedInWindow,
            BigDecimal perDay,
            Long daysLeft,
            LocalDate exhaustedOn,
            boolean exhaustedBeforeYearEnd) {}

    public Uni<List<Forecast>> forecast(int fiscalYear, int windowDays) {
        return blocking(() -> {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, POLICY_ZONE);
            LocalDate yearEnd = LocalDate.of(fiscalYear, 12, 31);
            List<Forecast> out = new ArrayList<>();
            for (Account a : queries.budgetAccounts(fiscalYear)) {
                if (a.limit() == null) {
                    continue;
                }
                BigDecimal available = LedgerStore.decimal(AccountKind.Unit.FEN, a.limit() - a.pending() - a.posted());
                BigDecimal net = queries.netCommitmentSince(a.id(), now.minus(Duration.ofDays(windowDays)));
                BigDecimal perDay = net.divide(BigDecimal.valueOf(windowDays), 2, RoundingMode.DOWN);
                Long daysLeft = null;
                LocalDate on = null;
                if (perDay.signum() > 0) {
                    daysLeft = available.divide(perDay, 0, RoundingMode.DOWN).longValue();
                    on = today.plusDays(daysLeft);
                }
                out.add(new Forecast(
                        a.id(),
                        a.kind(),
                        available,
                        windowDays,
                        net,
                        perDay,
                        daysLeft,
                        on,
                        on != null && !on.isAfter(yearEnd)));
            }
            return out;
        });
    }

    /** What a beneficiary may still receive this fiscal year under G4, and every cap it has touched. */
    public record BeneficiaryHeadroom(
            String beneficiaryId, int fiscalYear, BigDecimal amountLeft, long awardsLeft, List<Balance> accounts) {}

    public Uni<BeneficiaryHeadroom> beneficiary(String beneficiaryId, int fiscalYear) {
        return blocking(() -> {
            LedgerRules rules = ledger.rules();
            List<Account> accounts = queries.beneficiaryAccounts(beneficiaryId, fiscalYear);
            String amountId = Accounts.beneficiaryYearAmount(fiscalYear, beneficiaryId);
            String countId = Accounts.beneficiaryYearCount(fiscalYear, beneficiaryId);
            long amountLeft = accounts.stream()
                    .filter(a -> a.id().equals(amountId))
                    .findFirst()
                    .map(a -> Math.min(rules.beneficiaryYearAmount(), a.limit()) - a.pending() - a.posted())
                    .orElse(rules.beneficiaryYearAmount());
            long countLeft = accounts.stream()
                    .filter(a -> a.id().equals(countId))
                    .findFirst()
                    .map(a -> Math.min(rules.beneficiaryYearCount(), a.limit()) - a.pending() - a.posted())
                    .orElse(rules.beneficiaryYearCount());
            return new BeneficiaryHeadroom(
                    beneficiaryId,
                    fiscalYear,
                    LedgerStore.decimal(AccountKind.Unit.FEN, Math.max(0, amountLeft)),
                    Math.max(0, countLeft),
                    accounts.stream().map(Balance::of).toList());
        });
    }

    /** The ledger audited: every balance recomputed from its entries, every limit checked. */
    public record Audit(
            long accounts, long entries, boolean consistent, List<String> balanceNotEntries, List<String> overLimit) {}

    public Uni<Audit> audit() {
        return blocking(() -> {
            LedgerQueries.Audit a = queries.audit();
            return new Audit(
                    a.accounts(),
                    a.entries(),
                    a.balanceNotEntries().isEmpty() && a.overLimit().isEmpty(),
                    a.balanceNotEntries(),
                    a.overLimit());
        });
    }

    /** A reservation; 404 when there is none (reversals are seen through their reservation). */
    public Uni<ReservationView> reservation(UUID id) {
        return blocking(() -> queries.transfer(id)
                .filter(t -> "RESERVATION".equals(t.kind()))
                .map(t -> ReservationView.of(t, json))
                .orElseThrow(() -> ProblemException.notFound("预留", "reservation", id.toString())));
    }
}
