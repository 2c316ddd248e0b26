package io.grantflow.applications.application.audit;

import io.grantflow.applications.domain.audit.AuditChain;
import io.grantflow.applications.domain.audit.AuditEntry;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.text.Bilingual;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads the audit trail with blocking JDBC (on a worker thread): one subject's entries, and the
 * verification of the whole chain page by page, so that memory stays bounded however long the
 * trail grows.
 */
@ApplicationScoped
public class AuditQueries {
    /** Entries read per page while verifying. */
    static final int VERIFY_PAGE = 500;

    private static final String COLUMNS = "seq, at, actor_id, actor_role, action, subject, before_state, after_state,"
            + " correlation_id, previous_hash, hash";

    private final DataSource dataSource;

    public AuditQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The kinds of break: the chain's own ({@link AuditChain.Reason}) and two found against the head. */
    public enum AuditBreakKind {
        /** An entry's fields do not give its stored hash: that entry was changed. */
        HASH_MISMATCH,
        /** An entry does not point at the previous one's hash: the previous was changed and re-hashed, or replaced. */
        PREVIOUS_HASH_MISMATCH,
        /** The sequence does not follow on: entries were removed, inserted or moved. */
        SEQUENCE_GAP,
        /** The chain ends before the head: its newest entries were removed. */
        TAIL_MISSING,
        /** The chain's end is not the head: the last entry was rewritten, or the head or entries after it were. */
        HEAD_MISMATCH
    }

    /** Where the chain breaks: the entry's sequence number (its id), the kind, what was expected and found. */
    public record Break(long sequence, AuditBreakKind kind, String expected, String found, Bilingual message) {}

    /**
     * The verdict on the whole chain, as one snapshot: how many entries verified, the head as
     * stored ({@code audit_head}), and the first break if any.
     */
    public record Verification(long checked, long headSequence, String headHash, Break firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /** An entry as stored: {@code before} and {@code after} are the exact texts that were hashed. */
    public record Entry(
            long seq,
            OffsetDateTime at,
            String actorId,
            String actorRole,
            String action,
            String subject,
            String before,
            String after,
            String correlationId,
            String previousHash,
            String hash) {}

    /**
     * Verifies every entry from the genesis, {@value #VERIFY_PAGE} at a time, in one read-only
     * repeatable-read transaction: the head and the entries are read as of one moment, so an
     * append committed meanwhile is neither half seen nor taken for tampering.
     */
    public Verification verify() throws SQLException {
        return verify(VERIFY_PAGE);
    }

    Verification verify(int pageSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return verify(c, pageSize);
            } finally {
                c.rollback();
            }
        }
    }

    private static Verification verify(Connection c, int pageSize) throws SQLException {
        long headSeq;
        String headHash;
        try (PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("audit_head has no row: is migration V6 applied?");
            }
            headSeq = r.getLong("seq");
            headHash = r.getString("hash");
        }
        AuditChain.Verifier verifier = AuditChain.Verifier.fromGenesis();
        long after = Long.MIN_VALUE;
        long lastSeq = 0;
        Break unreadable = null;
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?")) {
            pages:
            while (true) {
                s.setLong(1, after);
                s.setInt(2, pageSize);
                int read = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        read++;
                        AuditEntry entry = toDomain(entry(r));
                        after = entry.sequence();
                        try {
                            if (verifier.accept(entry).isPresent()) {
                                break pages;
                            }
                        } catch (IllegalArgumentException e) {
                            // an actor, role or action blanked by hand: no hash can be computed, the entry was changed
                            unreadable = new Break(
                                    entry.sequence(),
                                    AuditBreakKind.HASH_MISMATCH,
                                    "actor_id, actor_role, action",
                                    e.getMessage(),
                                    Bilingual.of(
                                            "审计链在序号 " + entry.sequence() + " 处断开：该条缺少操作人、角色或操作（记录被改动）",
                                            "The audit chain breaks at sequence " + entry.sequence()
                                                    + ": it lacks its actor, role or action (the entry was changed)"));
                            break pages;
                        }
                        lastSeq = entry.sequence();
                    }
                }
                if (read < pageSize) {
                    break;
                }
            }
        }
        AuditChain.Verification result = verifier.result();
        if (unreadable != null) {
            return new Verification(result.checked(), headSeq, headHash, unreadable);
        }
        if (!result.intact()) {
            AuditChain.Break b = result.firstBreak();
            return new Verification(
                    result.checked(),
                    headSeq,
                    headHash,
                    new Break(
                            b.sequence(),
                            AuditBreakKind.valueOf(b.reason().name()),
                            b.expected(),
                            b.found(),
                            b.message()));
        }
        Break atHead = null;
        if (lastSeq < headSeq) {
            long missing = lastSeq + 1;
            atHead = new Break(
                    missing,
                    AuditBreakKind.TAIL_MISSING,
                    Long.toString(headSeq),
                    Long.toString(lastSeq),
                    Bilingual.of(
                            "审计链在序号 " + missing + " 处断开：链只到序号 " + lastSeq + "，链头记录为 " + headSeq + "（最新的记录被删除）",
                            "The audit chain breaks at sequence " + missing + ": it ends at " + lastSeq
                                    + " but its head is " + headSeq + " (the newest entries were removed)"));
        } else if (lastSeq > headSeq || !result.lastHash().equals(headHash)) {
            atHead = new Break(
                    lastSeq,
                    AuditBreakKind.HEAD_MISMATCH,
                    headSeq + ":" + headHash,
                    lastSeq + ":" + result.lastHash(),
                    Bilingual.of(
                            "审计链在序号 " + lastSeq + " 处与链头不符（最后一条被改写并重算哈希，或链头、其后的记录被改动）",
                            "The audit chain does not end at its head at sequence " + lastSeq
                                    + " (the last entry was rewritten and re-hashed, or the head or entries"
                                    + " after it were changed)"));
        }
        return new Verification(result.checked(), headSeq, headHash, atHead);
    }

    /**
     * Whether the subject (an application or a call) exists and the caller may read its trail: any
     * one for those who see all, else (a reviewer) one of {@code department}; an application not
     * yet evaluated has no department.
     */
    public boolean visible(UUID subject, boolean seesAll, String department) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT department FROM application WHERE id = ?"
                        + " UNION ALL SELECT department FROM call WHERE id = ?")) {
            s.setObject(1, subject);
            s.setObject(2, subject);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                String owner = r.getString(1);
                return seesAll || owner != null && owner.equals(department);
            }
        }
    }

    /**
     * What to list: each member null or a condition all entries must meet ({@code from} inclusive,
     * {@code to} exclusive).
     */
    public record Filter(
            String subject,
            String actorId,
            String action,
            String correlationId,
            OffsetDateTime from,
            OffsetDateTime to) {}

    /** One page of the entries that meet {@code filter}, oldest first. */
    public Page<Entry> search(Filter filter, PageRequest page) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        condition(where, params, " AND subject = ?", filter.subject());
        condition(where, params, " AND actor_id = ?", filter.actorId());
        condition(where, params, " AND action = ?", filter.action());
        condition(where, params, " AND correlation_id = ?", filter.correlationId());
        condition(where, params, " AND at >= ?", filter.from());
        condition(where, params, " AND at < ?", filter.to());
        try (Connection c = dataSource.getConnection()) {
            List<Entry> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_entry" + where + " ORDER BY seq LIMIT ? OFFSET ?")) {
                int i = bind(s, params);
                s.setInt(i, page.limit());
                s.setInt(i + 1, page.offset());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(entry(r));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_entry" + where)) {
                bind(s, params);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Page<>(items, r.getLong(1), page.limit(), page.offset());
                }
            }
        }
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(sql);
            params.add(value);
        }
    }

    /** Binds {@code params} from the first placeholder on; the next free index. */
    private static int bind(PreparedStatement s, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            s.setObject(i++, p);
        }
        return i;
    }

    private static Entry entry(ResultSet r) throws SQLException {
        return new Entry(
                r.getLong("seq"),
                r.getObject("at", OffsetDateTime.class),
                r.getString("actor_id"),
                r.getString("actor_role"),
                r.getString("action"),
                r.getString("subject"),
                r.getString("before_state"),
                r.getString("after_state"),
                r.getString("correlation_id"),
                r.getString("previous_hash"),
                r.getString("hash"));
    }

    private static AuditEntry toDomain(Entry e) {
        return new AuditEntry(
                e.seq(),
                e.at().toInstant(),
                e.actorId(),
                e.actorRole(),
                e.action(),
                e.subject(),
                e.before(),
                e.after(),
                e.correlationId(),
                e.previousHash(),
                e.hash());
    }
}
