package io.grantflow.budget.persistence;

import io.grantflow.budget.domain.Account;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Accounts;
import io.grantflow.contracts.vocabulary.Vocabulary;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads of the ledger for finance, reviewers and tests; never locks, never writes. */
@ApplicationScoped
public class LedgerQueries {
    private final DataSource dataSource;

    public LedgerQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Account> account(String id) {
        return accounts("SELECT * FROM account WHERE id = ?", id).stream().findFirst();
    }

    /** The budget accounts of a fiscal year (total, allocations, blocks), total first. */
    public List<Account> budgetAccounts(int fiscalYear) {
        return accounts("""
                SELECT * FROM account WHERE fiscal_year = ? AND kind IN
                 ('FISCAL_YEAR_TOTAL', 'PROGRAMME_ALLOCATION', 'DEPARTMENT_ALLOCATION', 'DISTRICT_BLOCK')
                 ORDER BY kind <> 'FISCAL_YEAR_TOTAL', kind, id""", fiscalYear);
    }

    /** Every award account that holds something of {@code beneficiary}, or is keyed by it. */
    public List<Account> beneficiaryAccounts(String beneficiary, int fiscalYear) {
        return accounts(
                """
                SELECT a.* FROM account a WHERE a.id IN (
                    SELECT e.account_id FROM ledger_entry e JOIN transfer t ON t.id = e.transfer_id
                     WHERE t.beneficiary_id = ? AND e.kind = 'RESERVE' AND e.account_id LIKE 'CAP/%')
                   OR a.id IN (?, ?)
                 ORDER BY a.id""",
                beneficiary,
                Accounts.beneficiaryYearAmount(fiscalYear, beneficiary),
                Accounts.beneficiaryYearCount(fiscalYear, beneficiary));
    }

    private List<Account> accounts(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            List<Account> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(LedgerStore.account(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row of a reservation as finance and reviewers see it. */
    public record TransferRow(
            UUID id,
            String kind,
            UUID applicationId,
            String programme,
            String department,
            String beneficiaryId,
            String beneficiaryKind,
            Integer fiscalYear,
            BigDecimal amount,
            BigDecimal posted,
            BigDecimal reversed,
            String status,
            String refusalCode,
            String refusalAccount,
            BigDecimal refusalHeadroom,
            Instant createdAt,
            Instant expiresAt,
            Instant resolvedAt,
            String detail) {}

    public Optional<TransferRow> transfer(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                SELECT id, kind, application_id, programme, department, beneficiary_id, beneficiary_kind, fiscal_year,
                       amount, posted_amount, reversed_amount, status, refusal_code, refusal_account, refusal_headroom,
                       created_at, expires_at, resolved_at, detail::text AS detail
                  FROM transfer WHERE id = ?""")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int year = rs.getInt("fiscal_year");
                Integer fiscalYear = rs.wasNull() ? null : year;
                return Optional.of(new TransferRow(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getObject("application_id", UUID.class),
                        rs.getString("programme"),
                        rs.getString("department"),
                        rs.getString("beneficiary_id"),
                        rs.getString("beneficiary_kind"),
                        fiscalYear,
                        rs.getBigDecimal("amount"),
                        rs.getBigDecimal("posted_amount"),
                        rs.getBigDecimal("reversed_amount"),
                        rs.getString("status"),
                        rs.getString("refusal_code"),
                        rs.getString("refusal_account"),
                        rs.getBigDecimal("refusal_headroom"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("expires_at")),
                        instant(rs.getTimestamp("resolved_at")),
                        rs.getString("detail")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Movements on one account per group (programme or department) and day, in yuan. */
    public record Movement(
            String group,
            LocalDate day,
            BigDecimal reserved,
            BigDecimal posted,
            BigDecimal released,
            BigDecimal reversed) {}

    public List<Movement> movements(String accountId, String groupColumn) {
        if (!groupColumn.equals("programme") && !groupColumn.equals("department")) {
            throw new IllegalArgumentException(groupColumn);
        }
        String sql = """
                SELECT coalesce(t.%s, '-') AS grp, (e.at AT TIME ZONE '%s')::date AS day,
                       sum(CASE WHEN e.kind = 'RESERVE' THEN e.amount ELSE 0 END) AS reserved,
                       sum(CASE WHEN e.kind = 'POST' THEN e.amount ELSE 0 END) AS posted,
                       sum(CASE WHEN e.kind IN ('RELEASE', 'VOID', 'EXPIRE') THEN e.amount ELSE 0 END) AS released,
                       sum(CASE WHEN e.kind = 'REVERSE' THEN e.amount ELSE 0 END) AS reversed
                  FROM ledger_entry e JOIN transfer t ON t.id = e.transfer_id
                 WHERE e.account_id = ?
                 GROUP BY 1, 2 ORDER BY 1, 2""".formatted(groupColumn, Vocabulary.POLICY_ZONE.getId());
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, accountId);
            List<Movement> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Movement(
                            rs.getString("grp"),
                            rs.getObject("day", LocalDate.class),
                            rs.getBigDecimal("reserved"),
                            rs.getBigDecimal("posted"),
                            rs.getBigDecimal("released"),
                            rs.getBigDecimal("reversed")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Net commitment (reserved − released − reversed) on an account since {@code from}, in its unit's decimal. */
    public BigDecimal netCommitmentSince(String accountId, Instant from) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                SELECT coalesce(sum(CASE WHEN kind = 'RESERVE' THEN amount
                                         WHEN kind IN ('RELEASE', 'VOID', 'EXPIRE', 'REVERSE') THEN -amount
                                         ELSE 0 END), 0)
                  FROM ledger_entry WHERE account_id = ? AND at >= ?""")) {
            s.setString(1, accountId);
            s.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ids of pending reservations past their expiry. */
    public List<UUID> expired(Instant now, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return LedgerStore.expired(c, now, limit);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an audit of the whole ledger finds: accounts checked, and every one that is off. */
    public record Audit(long accounts, long entries, List<String> balanceNotEntries, List<String> overLimit) {}

    /** Recomputes every balance from the entries and checks every limit. */
    public Audit audit() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            long accounts;
            long entries;
            try (ResultSet rs =
                    s.executeQuery("SELECT (SELECT count(*) FROM account), (SELECT count(*) FROM ledger_entry)")) {
                rs.next();
                accounts = rs.getLong(1);
                entries = rs.getLong(2);
            }
            List<String> drift = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT a.id FROM account a LEFT JOIN (
                        SELECT account_id,
                               sum(CASE WHEN kind = 'RESERVE' THEN amount WHEN kind IN ('POST','RELEASE','VOID','EXPIRE')
                                        THEN -amount ELSE 0 END) AS pending,
                               sum(CASE WHEN kind = 'POST' THEN amount WHEN kind = 'REVERSE' THEN -amount ELSE 0 END) AS posted
                          FROM ledger_entry GROUP BY account_id) e ON e.account_id = a.id
                     WHERE a.pending <> coalesce(e.pending, 0) OR a.posted <> coalesce(e.posted, 0)
                     ORDER BY a.id LIMIT 1000""")) {
                while (rs.next()) {
                    drift.add(rs.getString(1));
                }
            }
            List<String> over = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT id FROM account WHERE limit_amount IS NOT NULL AND pending + posted > limit_amount ORDER BY id LIMIT 1000")) {
                while (rs.next()) {
                    over.add(rs.getString(1));
                }
            }
            return new Audit(accounts, entries, drift, over);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unitLabel(AccountKind.Unit unit) {
        return unit == AccountKind.Unit.FEN ? "CNY" : "COUNT";
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i] instanceof Integer n ? n : params[i]);
        }
    }
}
