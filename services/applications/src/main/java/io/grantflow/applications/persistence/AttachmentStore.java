package io.grantflow.applications.persistence;

import io.grantflow.applications.domain.attachment.Attachment;
import io.grantflow.applications.domain.attachment.DocumentType;
import io.grantflow.applications.domain.attachment.FileFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Attachments in PostgreSQL (ADR 0018): a row per file in {@code attachment}, its bytes in
 * {@code attachment_chunk}, one {@code bytea} row per {@link #CHUNK} bytes, by JDBC so that a
 * file is written and read one chunk at a time and never held whole in memory.
 */
@ApplicationScoped
public class AttachmentStore {
    /** Bytes per chunk row. */
    public static final int CHUNK = 256 * 1024;

    private static final String COLUMNS =
            "id, application_id, document_type, file_name, format, size_bytes, sha256, chunk_count, uploaded_by,"
                    + " uploaded_at";

    private final DataSource dataSource;

    public AttachmentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Who an application belongs to, as the attachments need it. {@code cityApproval}: it awaits
     * the city government's approval, or did once (its history says so).
     */
    public record Owner(String applicantId, String department, String status, boolean cityApproval) {}

    public Optional<Owner> owner(UUID applicationId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT a.applicant_id, a.department, a.status,"
                        + " a.status = 'AWAITING_CITY_APPROVAL' OR EXISTS (SELECT 1 FROM application_history h"
                        + " WHERE h.application_id = a.id AND h.to_status = 'AWAITING_CITY_APPROVAL')"
                        + " FROM application a WHERE a.id = ?")) {
            s.setObject(1, applicationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Attachment> find(UUID applicationId, UUID id) {
        return one("SELECT " + COLUMNS + " FROM attachment WHERE application_id = ? AND id = ?", applicationId, id);
    }

    public Optional<Attachment> findBySha256(UUID applicationId, String sha256) {
        return one(
                "SELECT " + COLUMNS + " FROM attachment WHERE application_id = ? AND sha256 = ?",
                applicationId,
                sha256);
    }

    public long count(UUID applicationId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM attachment WHERE application_id = ?")) {
            s.setObject(1, applicationId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page of an application's attachments, oldest first. */
    public List<Attachment> list(UUID applicationId, int limit, int offset) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM attachment WHERE application_id = ? ORDER BY uploaded_at, id LIMIT ? OFFSET ?")) {
            s.setObject(1, applicationId);
            s.setInt(2, limit);
            s.setInt(3, offset);
            List<Attachment> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of {@link #insert}. */
    public sealed interface Stored {}

    /** Stored anew. */
    public record Created(Attachment attachment) implements Stored {}

    /** The application has these very bytes already: nothing was written. */
    public record Existing(Attachment attachment) implements Stored {}

    /** The application has {@code max} attachments already: nothing was written. */
    public record Full(long max) implements Stored {}

    /** What else a new attachment writes in its own transaction: its audit entry. */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection c, Attachment stored) throws SQLException;
    }

    /**
     * Stores {@code attachment} with the bytes of {@code file}, in one transaction, unless the
     * application has the same SHA-256 already or {@code max} attachments. Uploads to one
     * application are serialised by an advisory lock, so that neither check can be raced.
     * {@code alsoWrite} runs in that transaction once the attachment is written, and only then.
     */
    public Stored insert(Attachment attachment, Path file, long max, InTransaction alsoWrite) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Stored stored = insert(c, attachment, file, max);
                if (stored instanceof Created) {
                    alsoWrite.run(c, attachment);
                    c.commit();
                } else {
                    c.rollback();
                }
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Stored insert(Connection c, Attachment a, Path file, long max) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "attachment:" + a.applicationId());
            lock.execute();
        }
        Optional<Attachment> same = one(
                c,
                "SELECT " + COLUMNS + " FROM attachment WHERE application_id = ? AND sha256 = ?",
                a.applicationId(),
                a.sha256());
        if (same.isPresent()) {
            return new Existing(same.get());
        }
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM attachment WHERE application_id = ?")) {
            s.setObject(1, a.applicationId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) >= max) {
                    return new Full(max);
                }
            }
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO attachment (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, a.id());
            s.setObject(2, a.applicationId());
            s.setString(3, a.type().name());
            s.setString(4, a.fileName());
            s.setString(5, a.format().name());
            s.setLong(6, a.size());
            s.setString(7, a.sha256());
            s.setInt(8, a.chunks());
            s.setString(9, a.uploadedBy());
            s.setTimestamp(10, Timestamp.from(a.uploadedAt()));
            s.executeUpdate();
        }
        int written = 0;
        try (InputStream in = Files.newInputStream(file);
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO attachment_chunk (attachment_id, seq, bytes) VALUES (?, ?, ?)")) {
            byte[] chunk;
            // one chunk in memory at a time: each row is sent before the next is read (no batch)
            while ((chunk = in.readNBytes(CHUNK)).length > 0) {
                s.setObject(1, a.id());
                s.setInt(2, written++);
                s.setBytes(3, chunk);
                s.executeUpdate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (written != a.chunks()) {
            throw new IllegalStateException(
                    "the file changed while it was stored: " + written + " chunks, not " + a.chunks());
        }
        return new Created(a);
    }

    /** The bytes of chunk {@code seq} of attachment {@code id}. */
    public byte[] chunk(UUID id, int seq) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT bytes FROM attachment_chunk WHERE attachment_id = ? AND seq = ?")) {
            s.setObject(1, id);
            s.setInt(2, seq);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("chunk " + seq + " of attachment " + id + " is missing");
                }
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many chunks a file of {@code size} bytes is kept in. */
    public static int chunks(long size) {
        return (int) ((size + CHUNK - 1) / CHUNK);
    }

    private Optional<Attachment> one(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return one(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Attachment> one(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Attachment read(ResultSet rs) throws SQLException {
        return new Attachment(
                rs.getObject("id", UUID.class),
                rs.getObject("application_id", UUID.class),
                DocumentType.valueOf(rs.getString("document_type")),
                rs.getString("file_name"),
                FileFormat.valueOf(rs.getString("format")),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getInt("chunk_count"),
                rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }
}
