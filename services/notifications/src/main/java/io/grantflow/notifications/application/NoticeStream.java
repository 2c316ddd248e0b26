package io.grantflow.notifications.application;

import io.grantflow.notifications.domain.Recipient;
import io.grantflow.platform.lifecycle.Lifecycle;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The live stream of notices (server-sent events, ADR 0025). Every notice gets its place in the
 * stream ({@code stream_seq}) after it committed, from one statement under an advisory lock: all
 * places given so far are committed before any later one is given, so a stream that has sent a
 * notice has seen every notice before it. A client that reconnects names the last notice it got
 * ({@code Last-Event-ID}) and is sent every later one of its own first, from the table, then the
 * live ones; each stream sends a place once, in order, so nothing comes twice.
 *
 * <p>Every instance reads the new places from the table (any instance may have consumed the
 * event), so a stream may be open on any of them.
 */
@ApplicationScoped
public class NoticeStream {
    private static final Logger LOG = Logger.getLogger(NoticeStream.class);
    /**
     * At most this many notices replayed on one connection. A client further behind is sent the
     * oldest of them and the stream then ends, so that it reconnects after the last one it got:
     * the work per connection is bounded and nothing is skipped.
     */
    public static final int REPLAY_LIMIT = 500;

    /** One notice as the stream sends it. */
    public record Item(long seq, UUID id, Recipient recipient, InboxQueries.NoticeRecord notice) {}

    /** An open stream of one recipient: it is sent each place once, in order. */
    public static final class Subscriber {
        private final Recipient recipient;
        private final Consumer<Item> send;
        private long last;
        private boolean replaying = true;
        private final List<Item> held = new ArrayList<>();
        private volatile boolean closed;
        private boolean truncated;

        Subscriber(Recipient recipient, Consumer<Item> send) {
            this.recipient = recipient;
            this.send = send;
        }

        public Recipient recipient() {
            return recipient;
        }

        /** A live notice: held while the replay runs, then sent if later than the last one sent. */
        synchronized void live(Item item) {
            if (replaying) {
                held.add(item);
            } else {
                emit(item);
            }
        }

        synchronized void replayed(List<Item> items, long from, boolean more) {
            last = Math.max(last, from);
            items.forEach(this::emit);
            replaying = false;
            if (more) {
                // the live ones would jump the notices not yet replayed: the client reconnects for them
                truncated = true;
                closed = true;
            } else {
                held.forEach(this::emit);
            }
            held.clear();
        }

        /** Whether the replay stopped at its limit: the stream ends and the client resumes after its last id. */
        public synchronized boolean truncated() {
            return truncated;
        }

        synchronized boolean replaying() {
            return replaying;
        }

        synchronized long last() {
            return last;
        }

        private void emit(Item item) {
            if (closed || item.seq() <= last) {
                return;
            }
            last = item.seq();
            try {
                send.accept(item);
            } catch (RuntimeException e) {
                closed = true;
            }
        }

        public void close() {
            closed = true;
        }

        public boolean closed() {
            return closed;
        }
    }

    private final DataSource dataSource;
    private final Lifecycle lifecycle;
    private final int maxPerRecipient;
    private final Map<Recipient, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /** The last place this instance read from the table; below it every place was handed out. */
    private volatile long dispatched = -1;

    public NoticeStream(
            DataSource dataSource,
            Lifecycle lifecycle,
            @ConfigProperty(name = "grantflow.stream.max-per-recipient", defaultValue = "20") int maxPerRecipient) {
        this.dataSource = dataSource;
        this.lifecycle = lifecycle;
        this.maxPerRecipient = maxPerRecipient;
    }

    /** How many streams the recipient has open. */
    public int open(Recipient recipient) {
        Set<Subscriber> set = subscribers.get(recipient);
        return set == null ? 0 : (int) set.stream().filter(s -> !s.closed()).count();
    }

    public int maxPerRecipient() {
        return maxPerRecipient;
    }

    /**
     * Opens a stream: registered first (live notices are held meanwhile), then the recipient's
     * notices after {@code lastEventId} are sent from the table, then the held ones. Without a
     * last id, or with one that is not the recipient's, the stream starts now.
     */
    public Subscriber subscribe(Recipient recipient, UUID lastEventId, Consumer<Item> send) throws SQLException {
        Subscriber s = new Subscriber(recipient, send);
        subscribers.computeIfAbsent(recipient, r -> new CopyOnWriteArraySet<>()).add(s);
        try (Connection c = dataSource.getConnection()) {
            Long from = lastEventId == null ? null : placeOf(c, recipient, lastEventId);
            if (from == null) {
                s.replayed(List.of(), currentPlace(c), false);
            } else {
                List<Item> missed = after(c, recipient, from, REPLAY_LIMIT + 1);
                boolean more = missed.size() > REPLAY_LIMIT;
                s.replayed(more ? missed.subList(0, REPLAY_LIMIT) : missed, from, more);
            }
        } catch (SQLException | RuntimeException e) {
            unsubscribe(s);
            throw e;
        }
        return s;
    }

    public void unsubscribe(Subscriber s) {
        s.close();
        Set<Subscriber> set = subscribers.get(s.recipient());
        if (set != null) {
            set.remove(s);
        }
    }

    /** Gives the committed notices their places, then hands the new places to this instance's streams. */
    @Scheduled(
            every = "${grantflow.stream.interval:300ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "notice-stream")
    void tick() {
        if (lifecycle.stopping()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            number(c);
            dispatch(c);
        } catch (SQLException | RuntimeException e) {
            if (!lifecycle.stopping()) {
                LOG.warnf("notice stream will retry: %s", e.toString());
            }
        }
    }

    /**
     * Places for committed notices without one, in the order they were written (created_at is the
     * clock at insertion), under a lock that orders the numbering transactions.
     */
    static void number(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(hashtext('grantflow.notice_stream'))");
            s.executeUpdate("""
                    UPDATE notice n SET stream_seq = o.seq
                      FROM (SELECT id, nextval('notice_stream_seq') AS seq
                              FROM (SELECT id FROM notice WHERE stream_seq IS NULL
                                     ORDER BY created_at, id LIMIT 2000) due) o
                     WHERE n.id = o.id""");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private void dispatch(Connection c) throws SQLException {
        // read before looking for streams: a stream opened meanwhile starts at or after it
        long now = currentPlace(c);
        subscribers.values().forEach(set -> set.removeIf(Subscriber::closed));
        List<Subscriber> all =
                subscribers.values().stream().flatMap(Set::stream).toList();
        if (all.isEmpty()) {
            dispatched = now;
            return;
        }
        if (dispatched < 0) {
            // the first round with streams open: from the earliest place they have reached, so that
            // nothing placed since one opened is skipped (one still replaying: the next round)
            if (all.stream().anyMatch(Subscriber::replaying)) {
                return;
            }
            dispatched = all.stream().mapToLong(Subscriber::last).min().orElse(now);
        }
        List<Item> items = query(
                c,
                "SELECT " + COLUMNS + " FROM notice WHERE stream_seq > ? AND live ORDER BY stream_seq LIMIT 1000",
                s -> s.setLong(1, dispatched));
        for (Item item : items) {
            Set<Subscriber> set = subscribers.get(item.recipient());
            if (set != null) {
                set.forEach(s -> s.live(item));
            }
            dispatched = item.seq();
        }
    }

    private static long currentPlace(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(max(stream_seq), 0) FROM notice")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Long placeOf(Connection c, Recipient recipient, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT stream_seq FROM notice WHERE id = ? AND recipient_kind = ? AND recipient_id = ?")) {
            s.setObject(1, id);
            s.setString(2, recipient.kind().name());
            s.setString(3, recipient.id());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                long seq = r.getLong(1);
                return r.wasNull() ? null : seq;
            }
        }
    }

    private static List<Item> after(Connection c, Recipient recipient, long from, int limit) throws SQLException {
        return query(
                c,
                "SELECT " + COLUMNS + " FROM notice WHERE recipient_kind = ? AND recipient_id = ? AND live"
                        + " AND stream_seq > ? ORDER BY stream_seq LIMIT ?",
                s -> {
                    s.setString(1, recipient.kind().name());
                    s.setString(2, recipient.id());
                    s.setLong(3, from);
                    s.setInt(4, limit);
                });
    }

    private static final String COLUMNS = "stream_seq, id, recipient_kind, recipient_id, event_type, application_id,"
            + " status, title_zh, title_en, body_zh, body_en, created_at, read_at";

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private static List<Item> query(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<Item> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(2, UUID.class);
                    Recipient recipient = new Recipient(Recipient.Kind.valueOf(r.getString(3)), r.getString(4));
                    out.add(new Item(
                            r.getLong(1),
                            id,
                            recipient,
                            new InboxQueries.NoticeRecord(
                                    id,
                                    r.getString(5),
                                    r.getObject(6, UUID.class),
                                    r.getString(7),
                                    r.getString(8),
                                    r.getString(9),
                                    r.getString(10),
                                    r.getString(11),
                                    r.getObject(12, OffsetDateTime.class),
                                    r.getObject(13, OffsetDateTime.class))));
                }
            }
            return out;
        }
    }
}
