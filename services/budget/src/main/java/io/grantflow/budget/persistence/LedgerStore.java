package io.grantflow.budget.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.domain.Account;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.Approval;
import io.grantflow.budget.domain.Entry;
import io.grantflow.budget.domain.InstalmentState;
import io.grantflow.budget.domain.Leg;
import io.grantflow.budget.domain.Refusal;
import io.grantflow.budget.domain.Reservation;
import io.grantflow.budget.domain.ReservationRequest;
import io.grantflow.budget.domain.Reversal;
import io.grantflow.budget.domain.TransferStatus;
import io.grantflow.platform.messaging.PgCopy;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger's rows through JDBC, a whole batch per statement (unnest of arrays): the single
 * writer locks what a batch touches, applies it in memory and writes it back in one transaction.
 * Account rows are locked in id order so that two writers never deadlock.
 */
@ApplicationScoped
public class LedgerStore {
    private static final Duration LEGACY_TTL = Duration.ofDays(180);
    private final ObjectMapper json;

    public LedgerStore(ObjectMapper json) {
        this.json = json;
    }

    // ---- units --------------------------------------------------------------------------------

    public static BigDecimal decimal(AccountKind.Unit unit, long units) {
        return unit == AccountKind.Unit.FEN
                ? BigDecimal.valueOf(units, 2)
                : BigDecimal.valueOf(units).setScale(2);
    }

    public static long units(AccountKind.Unit unit, BigDecimal value) {
        return unit == AccountKind.Unit.FEN
                ? value.setScale(2).unscaledValue().longValueExact()
                : value.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    private static String text(AccountKind.Unit unit, Long units) {
        return units == null ? null : decimal(unit, units).toPlainString();
    }

    // ---- reads under lock ----------------------------------------------------------------------

    /** Locks and reads the accounts that exist among {@code ids}. */
    public List<Account> lockAccounts(Connection c, Collection<String> ids) throws SQLException {
        List<Account> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, kind, fiscal_year, limit_amount, pending, posted, unit FROM account
                 WHERE id = ANY(?::text[]) ORDER BY id FOR UPDATE""")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray(String[]::new)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(account(rs));
                }
            }
        }
        return found;
    }

    static Account account(ResultSet rs) throws SQLException {
        AccountKind kind = AccountKind.valueOf(rs.getString("kind"));
        AccountKind.Unit unit = AccountKind.Unit.valueOf(rs.getString("unit"));
        int year = rs.getInt("fiscal_year");
        Integer fiscalYear = rs.wasNull() ? null : year;
        BigDecimal limit = rs.getBigDecimal("limit_amount");
        return new Account(
                rs.getString("id"),
                kind,
                fiscalYear,
                limit == null ? null : units(unit, limit),
                units(unit, rs.getBigDecimal("pending")),
                units(unit, rs.getBigDecimal("posted")),
                false);
    }

    /** Locks and reads the reservations among {@code ids}. */
    public List<Reservation> lockReservations(Connection c, Collection<UUID> ids) throws SQLException {
        List<Reservation> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, application_id, programme, department, beneficiary_id, beneficiary_kind, fiscal_year, amount,
                       status, fingerprint, expires_at, refusal_code, refusal_account, refusal_headroom, refusal_requested,
                       refusal_unit, detail::text AS detail,
                       created_at, resolved_at, account_id
                  FROM transfer WHERE id = ANY(?::uuid[]) AND kind = 'RESERVATION' ORDER BY id FOR UPDATE""")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(reservation(rs));
                }
            }
        }
        return found;
    }

    /** The kind (RESERVATION, REVERSAL) of each transfer among {@code ids} that exists. */
    public Map<UUID, String> kinds(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, String> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id, kind FROM transfer WHERE id = ANY(?::uuid[])")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        return found;
    }

    /**
     * Whether money is held for what a new allocation or block would limit: reservations of that
     * programme, department or district on the year's total, not voided, expired or refused, leaving
     * out the reservations {@code judgedByBook}: the batch has them loaded and knows their state better.
     */
    public boolean committedUnder(
            Connection c, AccountKind kind, int fiscalYear, String key, Collection<UUID> judgedByBook)
            throws SQLException {
        String column = switch (kind) {
            case PROGRAMME_ALLOCATION -> "t.programme";
            case DEPARTMENT_ALLOCATION -> "t.department";
            case DISTRICT_BLOCK -> "t.beneficiary_id";
            default -> throw new IllegalArgumentException(kind.name());
        };
        try (PreparedStatement s = c.prepareStatement("""
                SELECT 1 FROM ledger_entry e JOIN transfer t ON t.id = e.transfer_id
                 WHERE e.account_id = ? AND e.kind = 'RESERVE' AND t.status IN ('PENDING', 'POSTED') AND %s = ?
                   AND NOT t.id = ANY(?::uuid[])
                 LIMIT 1""".formatted(column))) {
            s.setString(1, Accounts.fiscalYearTotal(fiscalYear));
            s.setString(2, key);
            s.setArray(3, c.createArrayOf("uuid", judgedByBook.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Reads the reversals among {@code ids}. */
    public List<Reversal> reversals(Connection c, Collection<UUID> ids) throws SQLException {
        List<Reversal> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, parent_id, amount, reason, fingerprint, created_at FROM transfer
                 WHERE id = ANY(?::uuid[]) AND kind = 'REVERSAL'""")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Reversal(
                            rs.getObject("id", UUID.class),
                            rs.getObject("parent_id", UUID.class),
                            units(AccountKind.Unit.FEN, rs.getBigDecimal("amount")),
                            rs.getString("reason"),
                            rs.getString("fingerprint"),
                            rs.getTimestamp("created_at").toInstant(),
                            false));
                }
            }
        }
        return found;
    }

    private Reservation reservation(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        int year = rs.getInt("fiscal_year");
        long amount = units(AccountKind.Unit.FEN, rs.getBigDecimal("amount"));
        Instant created = rs.getTimestamp("created_at").toInstant();
        Timestamp expires = rs.getTimestamp("expires_at");
        Timestamp resolved = rs.getTimestamp("resolved_at");
        TransferStatus status = TransferStatus.valueOf(rs.getString("status"));
        String department = rs.getString("department");
        String detail = rs.getString("detail");
        JsonNode d;
        try {
            d = detail == null ? null : json.readTree(detail);
        } catch (Exception e) {
            throw new SQLException("unreadable detail of transfer " + id, e);
        }
        Approval approval = d == null || !d.hasNonNull("origin")
                ? Approval.OF_APPLICATION
                : new Approval(d.get("origin").asText(), text(d, "proposedBy"), text(d, "approvedBy"));
        ReservationRequest request = new ReservationRequest(
                id,
                rs.getObject("application_id", UUID.class),
                rs.getString("programme"),
                department == null ? "" : department,
                rs.getString("beneficiary_id"),
                rs.getString("beneficiary_kind"),
                year,
                amount,
                null,
                null,
                expires == null ? created.plus(LEGACY_TTL) : expires.toInstant(),
                approval);
        String fingerprint = rs.getString("fingerprint");
        Refusal refusal = null;
        if (status == TransferStatus.REFUSED) {
            BigDecimal headroom = rs.getBigDecimal("refusal_headroom");
            BigDecimal requested = rs.getBigDecimal("refusal_requested");
            String unitName = rs.getString("refusal_unit");
            AccountKind.Unit unit = unitName == null ? AccountKind.Unit.FEN : AccountKind.Unit.valueOf(unitName);
            String account = rs.getString("refusal_account");
            refusal = new Refusal(
                    rs.getString("refusal_code"),
                    account == null ? rs.getString("account_id") : account,
                    unit,
                    headroom == null ? 0 : units(unit, headroom),
                    requested == null ? amount : units(unit, requested));
        }
        List<Leg> legs = new ArrayList<>();
        List<InstalmentState> instalments = new ArrayList<>();
        if (d == null) {
            // A row of the first schema: one leg on the fiscal year's total, one instalment.
            if (status != TransferStatus.REFUSED) {
                legs.add(new Leg(rs.getString("account_id"), AccountKind.FISCAL_YEAR_TOTAL, year, amount));
            }
            instalments.add(new InstalmentState(year, amount, status, status == TransferStatus.POSTED ? amount : 0, 0));
        } else {
            try {
                for (JsonNode l : d.get("legs")) {
                    AccountKind kind = AccountKind.valueOf(l.get("k").asText());
                    legs.add(new Leg(
                            l.get("a").asText(),
                            kind,
                            l.hasNonNull("y") ? l.get("y").asInt() : null,
                            l.get("n").asLong()));
                }
                for (JsonNode i : d.get("instalments")) {
                    instalments.add(new InstalmentState(
                                    i.get("y").asInt(),
                                    i.get("n").asLong(),
                                    TransferStatus.valueOf(i.get("s").asText()),
                                    i.get("p").asLong(),
                                    i.get("r").asLong(),
                                    i.hasNonNull("pay") ? i.get("pay").asText() : null)
                            .withCondition(i.hasNonNull("c") ? i.get("c").asText() : null));
                }
            } catch (Exception e) {
                throw new SQLException("unreadable detail of transfer " + id, e);
            }
        }
        if (fingerprint == null) {
            fingerprint = request.fingerprint();
        }
        return new Reservation(
                request,
                fingerprint,
                legs,
                instalments,
                refusal,
                status,
                created,
                resolved == null ? null : resolved.toInstant());
    }

    // ---- writes ----------------------------------------------------------------------------------

    /** A limit finance changed, for the audit table. */
    public record LimitChange(String accountId, AccountKind.Unit unit, Long oldLimit, long newLimit, String actor) {}

    public void insertAccounts(Connection c, List<Account> accounts) throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        int n = accounts.size();
        String[] id = new String[n];
        String[] kind = new String[n];
        String[] year = new String[n];
        String[] limit = new String[n];
        String[] pending = new String[n];
        String[] posted = new String[n];
        String[] unit = new String[n];
        for (int i = 0; i < n; i++) {
            Account a = accounts.get(i);
            AccountKind.Unit u = a.kind().unit();
            id[i] = a.id();
            kind[i] = a.kind().name();
            year[i] = a.fiscalYear() == null ? null : a.fiscalYear().toString();
            limit[i] = text(u, a.limit());
            pending[i] = text(u, a.pending());
            posted[i] = text(u, a.posted());
            unit[i] = u.name();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO account (id, kind, fiscal_year, limit_amount, pending, posted, unit, updated_at)
                SELECT u.id, u.kind, u.y::int, u.l::numeric, u.p::numeric, u.q::numeric, u.unit, now()
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       AS u(id, kind, y, l, p, q, unit)""")) {
            s.setArray(1, c.createArrayOf("text", id));
            s.setArray(2, c.createArrayOf("text", kind));
            s.setArray(3, c.createArrayOf("text", year));
            s.setArray(4, c.createArrayOf("text", limit));
            s.setArray(5, c.createArrayOf("text", pending));
            s.setArray(6, c.createArrayOf("text", posted));
            s.setArray(7, c.createArrayOf("text", unit));
            s.executeUpdate();
        }
    }

    public void updateAccounts(Connection c, List<Account> accounts) throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        int n = accounts.size();
        String[] id = new String[n];
        String[] limit = new String[n];
        String[] pending = new String[n];
        String[] posted = new String[n];
        for (int i = 0; i < n; i++) {
            Account a = accounts.get(i);
            AccountKind.Unit u = a.kind().unit();
            id[i] = a.id();
            limit[i] = text(u, a.limit());
            pending[i] = text(u, a.pending());
            posted[i] = text(u, a.posted());
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE account a SET limit_amount = u.l::numeric, pending = u.p::numeric, posted = u.q::numeric,
                       updated_at = now()
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, l, p, q)
                 WHERE a.id = u.id""")) {
            s.setArray(1, c.createArrayOf("text", id));
            s.setArray(2, c.createArrayOf("text", limit));
            s.setArray(3, c.createArrayOf("text", pending));
            s.setArray(4, c.createArrayOf("text", posted));
            int rows = s.executeUpdate();
            if (rows != n) {
                throw new SQLException("updated " + rows + " of " + n + " accounts");
            }
        }
    }

    public void auditLimits(Connection c, List<LimitChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO account_limit_change (account_id, old_limit, new_limit, changed_by, at)
                VALUES (?, ?, ?, ?, now())""")) {
            for (LimitChange ch : changes) {
                s.setString(1, ch.accountId());
                s.setBigDecimal(2, ch.oldLimit() == null ? null : decimal(ch.unit(), ch.oldLimit()));
                s.setBigDecimal(3, decimal(ch.unit(), ch.newLimit()));
                s.setString(4, ch.actor());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void insertReservations(Connection c, List<Reservation> reservations) throws SQLException {
        List<String[]> rows = new ArrayList<>(reservations.size());
        for (Reservation r : reservations) {
            ReservationRequest q = r.request();
            Refusal f = r.refusal().orElse(null);
            rows.add(new String[] {
                q.id().toString(),
                Accounts.fiscalYearTotal(q.awardYear()),
                q.applicationId().toString(),
                q.programme(),
                q.beneficiaryId(),
                decimal(AccountKind.Unit.FEN, q.amount()).toPlainString(),
                r.status().name(),
                f == null ? null : f.code(),
                r.createdAt().toString(),
                r.resolvedAt() == null ? null : r.resolvedAt().toString(),
                q.department(),
                q.beneficiaryKind(),
                Integer.toString(q.awardYear()),
                r.fingerprint(),
                q.expiresAt().toString(),
                decimal(AccountKind.Unit.FEN, r.posted()).toPlainString(),
                f == null ? null : f.account(),
                f == null ? null : decimal(f.unit(), f.headroom()).toPlainString(),
                detail(r),
                f == null ? null : decimal(f.unit(), f.requested()).toPlainString(),
                f == null ? null : f.unit().name(),
                "RESERVATION"
            });
        }
        PgCopy.copy(c, "transfer", """
                id, account_id, application_id, programme, beneficiary_id, amount, status, refusal_code, created_at,
                resolved_at, department, beneficiary_kind, fiscal_year, fingerprint, expires_at, posted_amount,
                refusal_account, refusal_headroom, detail, refusal_requested, refusal_unit, kind""", rows);
    }

    public void updateReservations(Connection c, List<Reservation> reservations) throws SQLException {
        if (reservations.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE transfer SET status = ?, posted_amount = ?, reversed_amount = ?, resolved_at = ?, detail = ?::jsonb
                 WHERE id = ?""")) {
            for (Reservation r : reservations) {
                s.setString(1, r.status().name());
                s.setBigDecimal(2, decimal(AccountKind.Unit.FEN, r.posted()));
                s.setBigDecimal(3, decimal(AccountKind.Unit.FEN, r.reversed()));
                s.setTimestamp(4, r.resolvedAt() == null ? null : Timestamp.from(r.resolvedAt()));
                s.setString(5, detail(r));
                s.setObject(6, r.request().id());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void insertReversals(Connection c, List<Reversal> reversals, Map<UUID, Reservation> parents)
            throws SQLException {
        if (reversals.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO transfer (id, kind, parent_id, account_id, application_id, programme, beneficiary_id, amount,
                                      status, created_at, resolved_at, department, fiscal_year, fingerprint, reason)
                VALUES (?, 'REVERSAL', ?, ?, ?, ?, ?, ?, 'REVERSED', ?, ?, ?, ?, ?, ?)""")) {
            for (Reversal v : reversals) {
                ReservationRequest p = parents.get(v.reservationId()).request();
                s.setObject(1, v.id());
                s.setObject(2, v.reservationId());
                s.setString(3, Accounts.fiscalYearTotal(p.awardYear()));
                s.setObject(4, p.applicationId());
                s.setString(5, p.programme());
                s.setString(6, p.beneficiaryId());
                s.setBigDecimal(7, decimal(AccountKind.Unit.FEN, v.amount()));
                s.setTimestamp(8, Timestamp.from(v.at()));
                s.setTimestamp(9, Timestamp.from(v.at()));
                s.setString(10, p.department());
                s.setInt(11, p.awardYear());
                s.setString(12, v.fingerprint());
                s.setString(13, v.reason());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void insertEntries(Connection c, List<Entry> entries, Map<String, AccountKind.Unit> units)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>(entries.size());
        String at = OffsetDateTime.now(ZoneOffset.UTC).toString();
        for (Entry e : entries) {
            rows.add(new String[] {
                e.transferId().toString(),
                e.accountId(),
                e.kind().name(),
                decimal(units.get(e.accountId()), e.amount()).toPlainString(),
                at
            });
        }
        PgCopy.copy(c, "ledger_entry", "transfer_id, account_id, kind, amount, at", rows);
    }

    private static String detail(Reservation r) {
        StringBuilder b = new StringBuilder(128).append("{\"legs\":[");
        List<Leg> legs = r.legs();
        for (int i = 0; i < legs.size(); i++) {
            Leg l = legs.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"a\":")
                    .append(quote(l.accountId()))
                    .append(",\"k\":\"")
                    .append(l.kind().name())
                    .append("\",\"y\":")
                    .append(l.fiscalYear())
                    .append(",\"n\":")
                    .append(l.amount())
                    .append('}');
        }
        b.append("],\"instalments\":[");
        List<InstalmentState> inst = r.instalments();
        for (int i = 0; i < inst.size(); i++) {
            InstalmentState s = inst.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"y\":")
                    .append(s.fiscalYear())
                    .append(",\"n\":")
                    .append(s.amount())
                    .append(",\"s\":\"")
                    .append(s.status().name())
                    .append("\",\"p\":")
                    .append(s.posted())
                    .append(",\"r\":")
                    .append(s.reversed());
            if (s.paymentId() != null) {
                b.append(",\"pay\":").append(quote(s.paymentId()));
            }
            if (s.condition() != null) {
                b.append(",\"c\":").append(quote(s.condition()));
            }
            b.append('}');
        }
        b.append(']');
        Approval approval = r.request().approval();
        if (approval.blockGrant()) {
            b.append(",\"origin\":")
                    .append(quote(approval.origin()))
                    .append(",\"proposedBy\":")
                    .append(quote(approval.proposedBy()))
                    .append(",\"approvedBy\":")
                    .append(quote(approval.approvedBy()));
        }
        return b.append('}').toString();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    /** Ids of pending reservations past their expiry, oldest first. */
    public static List<UUID> expired(Connection c, Instant now, int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id FROM transfer WHERE status = 'PENDING' AND kind = 'RESERVATION' AND expires_at <= ?
                   AND posted_amount = 0 ORDER BY expires_at LIMIT ?""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }
}
