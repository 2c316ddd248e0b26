package io.grantflow.applications.domain.audit;

import io.grantflow.platform.text.Bilingual;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The audit trail's hash chain: each entry's SHA-256 covers its sequence number, its content
 * and the previous entry's hash, so that changing, removing, inserting or reordering a stored
 * entry breaks the chain at (or right after) that entry.
 *
 * <p>The canonical form ({@link #canonical}) is unambiguous by construction: a version line,
 * then each field in a fixed order as {@code name=<byte length>:<UTF-8 bytes>\n}, an absent
 * field as {@code name=-\n}. A field's length says where it ends whatever it contains (a
 * newline, an "=", another field's text), and absent differs from empty. The instant is written
 * as microseconds since the epoch (the precision PostgreSQL keeps). Changing this format
 * changes every hash: a new format gets a new version line, and entries keep the one they were
 * written with.
 *
 * <p>Limits: the chain shows where stored entries were altered; it cannot show that the newest
 * entries were cut off or the whole chain rewritten, unless the head's hash is also kept
 * elsewhere (ADR 0017).
 */
public final class AuditChain {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    static final String VERSION = "grantflow-audit/1";
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {}

    /** The first entry of a chain when {@code previous} is null, else the one after it. */
    public static AuditEntry append(AuditEntry previous, AuditEntry.Content content) {
        return previous == null ? append(0, GENESIS, content) : append(previous.sequence(), previous.hash(), content);
    }

    /**
     * The entry after the one with {@code previousSequence} and {@code previousHash} (0 and
     * {@link #GENESIS} for the first): for a writer that keeps only the chain's head.
     */
    public static AuditEntry append(long previousSequence, String previousHash, AuditEntry.Content content) {
        long sequence = previousSequence + 1;
        String hash = hash(sequence, content, previousHash);
        return new AuditEntry(
                sequence,
                content.at(),
                content.actorId(),
                content.actorRole(),
                content.action(),
                content.subject(),
                content.before(),
                content.after(),
                content.correlationId(),
                previousHash,
                hash);
    }

    /** The hash an entry should carry, computed from its fields (not from its stored hash). */
    public static String hashOf(AuditEntry entry) {
        return hash(entry.sequence(), entry.content(), entry.previousHash());
    }

    /** Lowercase hex SHA-256 of the canonical form. */
    public static String hash(long sequence, AuditEntry.Content content, String previousHash) {
        try {
            return HEX.formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical(sequence, content, previousHash)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The bytes that are hashed (see the class comment). */
    public static byte[] canonical(long sequence, AuditEntry.Content c, String previousHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        byte[] version = (VERSION + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(version, 0, version.length);
        field(out, "sequence", Long.toString(sequence));
        field(out, "at", Long.toString(micros(c.at())));
        field(out, "actor_id", c.actorId());
        field(out, "actor_role", c.actorRole());
        field(out, "action", c.action());
        field(out, "subject", c.subject());
        field(out, "before", c.before());
        field(out, "after", c.after());
        field(out, "correlation_id", c.correlationId());
        field(out, "previous_hash", previousHash);
        return out.toByteArray();
    }

    /** Checks a whole chain from its first entry; see {@link Verifier} for one read in pages. */
    public static Verification verify(Iterable<AuditEntry> entries) {
        Verifier verifier = Verifier.fromGenesis();
        for (AuditEntry entry : entries) {
            if (verifier.accept(entry).isPresent()) {
                break;
            }
        }
        return verifier.result();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        byte[] head;
        if (value == null) {
            head = (name + "=-\n").getBytes(StandardCharsets.UTF_8);
            out.write(head, 0, head.length);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        head = (name + "=" + bytes.length + ":").getBytes(StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        out.write(bytes, 0, bytes.length);
        out.write('\n');
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    /** Where and why a chain breaks. */
    public enum Reason {
        /** The entry's fields do not give its stored hash: the entry itself was changed. */
        HASH_MISMATCH,
        /** The entry does not point at the previous entry's hash: an entry before it was changed and re-hashed, removed or replaced. */
        PREVIOUS_HASH_MISMATCH,
        /** The sequence does not follow on: entries were removed, inserted or reordered. */
        SEQUENCE_GAP
    }

    /**
     * The first break: the entry's sequence number (as stored), its position in what was read
     * (1-based), the reason, what was expected and what was found, and a message for operators.
     */
    public record Break(
            long sequence, long position, Reason reason, String expected, String found, Bilingual message) {}

    /**
     * The verdict: how many entries verified, the hash the next entry must point at (the last
     * good entry's, {@link #GENESIS} for an empty chain: keep it elsewhere as an anchor), and the
     * first break, if any.
     */
    public record Verification(long checked, String lastHash, Break firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /**
     * Verifies entries one at a time in sequence order, so a long trail can be read page by page:
     * {@link #accept} returns the break at the first bad entry and refuses every entry after it.
     */
    public static final class Verifier {
        private long expectedSequence;
        private String expectedPrevious;
        private long position;
        private long checked;
        private Break firstBreak;

        private Verifier(long expectedSequence, String expectedPrevious) {
            this.expectedSequence = expectedSequence;
            this.expectedPrevious = expectedPrevious;
        }

        /** For a chain read from its first entry. */
        public static Verifier fromGenesis() {
            return new Verifier(1, GENESIS);
        }

        /** For the entries after a trusted one (an anchor kept elsewhere): its sequence and hash. */
        public static Verifier after(long sequence, String hash) {
            return new Verifier(sequence + 1, hash);
        }

        public Optional<Break> accept(AuditEntry entry) {
            if (firstBreak != null) {
                return Optional.of(firstBreak);
            }
            position++;
            if (entry.sequence() != expectedSequence) {
                firstBreak = new Break(
                        entry.sequence(),
                        position,
                        Reason.SEQUENCE_GAP,
                        Long.toString(expectedSequence),
                        Long.toString(entry.sequence()),
                        Bilingual.of(
                                "审计链在第 " + position + " 条处断开：序号应为 " + expectedSequence + "，实为 " + entry.sequence()
                                        + "（有记录被删除、插入或调换）",
                                "The audit chain breaks at entry " + position + ": sequence " + entry.sequence()
                                        + " where " + expectedSequence
                                        + " was expected (an entry was removed, inserted or moved)"));
            } else if (!entry.previousHash().equals(expectedPrevious)) {
                firstBreak = new Break(
                        entry.sequence(),
                        position,
                        Reason.PREVIOUS_HASH_MISMATCH,
                        expectedPrevious,
                        entry.previousHash(),
                        Bilingual.of(
                                "审计链在序号 " + entry.sequence() + " 处断开：其记录的上一条哈希与上一条不符（上一条被改动后重算了哈希，或被替换）",
                                "The audit chain breaks at sequence " + entry.sequence()
                                        + ": it does not point at the previous "
                                        + "entry's hash (that entry was changed and re-hashed, or replaced)"));
            } else {
                String actual = hashOf(entry);
                if (!actual.equals(entry.hash())) {
                    firstBreak = new Break(
                            entry.sequence(),
                            position,
                            Reason.HASH_MISMATCH,
                            actual,
                            entry.hash(),
                            Bilingual.of(
                                    "审计链在序号 " + entry.sequence() + " 处断开：该条内容与其哈希不符（记录被改动）",
                                    "The audit chain breaks at sequence " + entry.sequence()
                                            + ": its content does not give its hash (the entry was changed)"));
                }
            }
            if (firstBreak != null) {
                return Optional.of(firstBreak);
            }
            checked++;
            expectedSequence++;
            expectedPrevious = entry.hash();
            return Optional.empty();
        }

        public Verification result() {
            return new Verification(checked, expectedPrevious, firstBreak);
        }
    }
}
