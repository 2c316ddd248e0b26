package io.grantflow.budget.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.BlockGrant;
import io.grantflow.budget.domain.InstalmentPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Block grants in {@code block_grant}, by JDBC like the rest of the ledger. */
@ApplicationScoped
public class BlockGrantStore {
    private static final TypeReference<List<Map<String, Long>>> PLANS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final ObjectMapper json;

    public BlockGrantStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Stores a new proposal; false when a grant with its id exists already. */
    public boolean insert(BlockGrant g) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                INSERT INTO block_grant (id, programme, department, district, fiscal_year, amount, instalments, reason,
                                         status, fingerprint, proposed_by, proposed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")) {
            s.setObject(1, g.id());
            s.setString(2, g.programme());
            s.setString(3, g.department());
            s.setString(4, g.district());
            s.setInt(5, g.fiscalYear());
            s.setBigDecimal(6, LedgerStore.decimal(AccountKind.Unit.FEN, g.amount()));
            s.setString(7, plans(g.instalments()));
            s.setString(8, g.reason());
            s.setString(9, g.status().name());
            s.setString(10, g.fingerprint());
            s.setString(11, g.proposedBy());
            s.setTimestamp(12, Timestamp.from(g.proposedAt()));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a decision if the grant is still {@code PROPOSED}; false when someone decided first. */
    public boolean decide(BlockGrant g) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                UPDATE block_grant SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?
                 WHERE id = ? AND status = 'PROPOSED'""")) {
            s.setString(1, g.status().name());
            s.setString(2, g.decidedBy());
            s.setTimestamp(3, Timestamp.from(g.decidedAt()));
            s.setString(4, g.decisionNote());
            s.setObject(5, g.id());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<BlockGrant> find(UUID id) {
        List<BlockGrant> found = query("SELECT * FROM block_grant WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    /** A page of grants, newest first, optionally of one status and year; and how many match. */
    public Map.Entry<List<BlockGrant>, Long> page(String status, Integer fiscalYear, int limit, int offset) {
        String where = " WHERE (?::text IS NULL OR status = ?::text) AND (?::int IS NULL OR fiscal_year = ?::int)";
        List<Object> params = new ArrayList<>(List.of());
        params.add(status);
        params.add(status);
        params.add(fiscalYear);
        params.add(fiscalYear);
        long total;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM block_grant" + where)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<Object> paged = new ArrayList<>(params);
        paged.add(limit);
        paged.add(offset);
        return Map.entry(
                query("SELECT * FROM block_grant" + where + " ORDER BY proposed_at DESC, id LIMIT ? OFFSET ?", paged),
                total);
    }

    private List<BlockGrant> query(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            List<BlockGrant> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(grant(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }

    private BlockGrant grant(ResultSet rs) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        List<InstalmentPlan> plans = new ArrayList<>();
        try {
            for (Map<String, Long> p : json.readValue(rs.getString("instalments"), PLANS)) {
                plans.add(new InstalmentPlan(p.get("fiscalYear").intValue(), p.get("amount")));
            }
        } catch (Exception e) {
            throw new SQLException("unreadable instalments of block grant " + rs.getString("id"), e);
        }
        return new BlockGrant(
                rs.getObject("id", UUID.class),
                rs.getString("programme"),
                rs.getString("department"),
                rs.getString("district"),
                rs.getInt("fiscal_year"),
                LedgerStore.units(AccountKind.Unit.FEN, rs.getBigDecimal("amount")),
                plans,
                rs.getString("reason"),
                BlockGrant.Status.valueOf(rs.getString("status")),
                rs.getString("fingerprint"),
                rs.getString("proposed_by"),
                rs.getTimestamp("proposed_at").toInstant(),
                rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(),
                rs.getString("decision_note"));
    }

    private String plans(List<InstalmentPlan> plans) {
        try {
            return json.writeValueAsString(plans.stream()
                    .map(p -> Map.of("fiscalYear", (long) p.fiscalYear(), "amount", p.amount()))
                    .toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
