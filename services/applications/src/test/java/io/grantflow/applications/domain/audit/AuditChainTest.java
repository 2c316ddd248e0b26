package io.grantflow.applications.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The audit trail's hash chain: its canonical form, and that every kind of tampering shows where it happened. */
class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-03-02T02:00:00.123456Z");

    private static AuditEntry.Content content(int i) {
        return new AuditEntry.Content(
                T0.plusSeconds(i),
                i % 2 == 0 ? "rev-industry" : "ent-alpha",
                i % 2 == 0 ? "reviewer" : "enterprise",
                "ACTION_" + i,
                "application/" + (i % 3),
                i == 0 ? null : "{\"v\":" + (i - 1) + "}",
                "{\"v\":" + i + "}",
                "corr-" + i);
    }

    private static List<AuditEntry> chain(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditEntry previous = null;
        for (int i = 0; i < n; i++) {
            previous = AuditChain.append(previous, content(i));
            entries.add(previous);
        }
        return entries;
    }

    @Test
    void aWriterThatKeepsOnlyTheHeadAppendsTheSameEntryAsOneThatHoldsThePreviousEntry() {
        List<AuditEntry> entries = chain(3);
        AuditEntry last = entries.get(2);
        assertThat(AuditChain.append(last.sequence(), last.hash(), content(3)))
                .isEqualTo(AuditChain.append(last, content(3)));
        assertThat(AuditChain.append(0, AuditChain.GENESIS, content(0))).isEqualTo(entries.get(0));
    }

    /** An entry with one field changed and its stored hash left as it was (a row altered in the table). */
    private static AuditEntry with(AuditEntry e, UnaryOperator<AuditEntry.Content> change) {
        AuditEntry.Content c = change.apply(e.content());
        return new AuditEntry(
                e.sequence(),
                c.at(),
                c.actorId(),
                c.actorRole(),
                c.action(),
                c.subject(),
                c.before(),
                c.after(),
                c.correlationId(),
                e.previousHash(),
                e.hash());
    }

    private static AuditChain.Break breakOf(List<AuditEntry> entries) {
        AuditChain.Verification v = AuditChain.verify(entries);
        assertThat(v.intact()).isFalse();
        return v.firstBreak();
    }

    @Test
    void theCanonicalFormAndItsHashArePinned() {
        // written out and hashed independently (Python's hashlib) from the format in AuditChain's comment
        AuditEntry.Content c = new AuditEntry.Content(
                T0,
                "rev-industry",
                "reviewer",
                "RECOMMEND",
                "application/7d1c2c8e-5b0a-4f55-9d7e-2f3c1b9a0e11",
                "{\"state\":\"under_review\"}",
                "{\"amount\":\"250000.00\",\"reasons_zh\":\"符合条件\",\"state\":\"recommended\"}",
                null);

        assertThat(new String(AuditChain.canonical(1, c, AuditChain.GENESIS), StandardCharsets.UTF_8))
                .isEqualTo("grantflow-audit/1\n"
                        + "sequence=1:1\n"
                        + "at=16:1772416800123456\n"
                        + "actor_id=12:rev-industry\n"
                        + "actor_role=8:reviewer\n"
                        + "action=9:RECOMMEND\n"
                        + "subject=48:application/7d1c2c8e-5b0a-4f55-9d7e-2f3c1b9a0e11\n"
                        + "before=24:{\"state\":\"under_review\"}\n"
                        + "after=72:{\"amount\":\"250000.00\",\"reasons_zh\":\"符合条件\",\"state\":\"recommended\"}\n"
                        + "correlation_id=-\n"
                        + "previous_hash=64:" + "0".repeat(64) + "\n");
        assertThat(AuditChain.append(null, c).hash())
                .isEqualTo("d1aeb17e41e7f8ccf7ffdcda96ee758bf124af15b0a08f521233df6f7ba47f54");
    }

    @Test
    void theFormIsUnambiguous() {
        AuditEntry.Content base = content(1);
        String h = AuditChain.hash(2, base, AuditChain.GENESIS);
        // text moved from one field to the next
        AuditEntry.Content moved = new AuditEntry.Content(
                base.at(),
                "ent-alph",
                "aenterprise",
                base.action(),
                base.subject(),
                base.before(),
                base.after(),
                base.correlationId());
        // a field that imitates the next one
        AuditEntry.Content forged = new AuditEntry.Content(
                base.at(),
                base.actorId(),
                base.actorRole(),
                base.action(),
                base.subject(),
                base.before() + "\nafter=" + base.after().length() + ":" + base.after(),
                null,
                base.correlationId());
        // absent and empty
        AuditEntry.Content empty = new AuditEntry.Content(
                base.at(),
                base.actorId(),
                base.actorRole(),
                base.action(),
                base.subject(),
                base.before(),
                base.after(),
                "");
        AuditEntry.Content absent = new AuditEntry.Content(
                base.at(),
                base.actorId(),
                base.actorRole(),
                base.action(),
                base.subject(),
                base.before(),
                base.after(),
                null);

        assertThat(AuditChain.hash(2, moved, AuditChain.GENESIS)).isNotEqualTo(h);
        assertThat(AuditChain.hash(2, forged, AuditChain.GENESIS)).isNotEqualTo(h);
        assertThat(AuditChain.hash(2, empty, AuditChain.GENESIS))
                .isNotEqualTo(AuditChain.hash(2, absent, AuditChain.GENESIS));
        assertThat(AuditChain.hash(3, base, AuditChain.GENESIS))
                .as("the sequence is covered")
                .isNotEqualTo(h);
        assertThat(AuditChain.hash(2, base, "1".repeat(64)))
                .as("the previous hash is covered")
                .isNotEqualTo(h);
    }

    @Test
    void theInstantIsKeptToTheMicrosecondAsPostgreSqlKeepsIt() {
        AuditEntry.Content nanos = new AuditEntry.Content(
                Instant.parse("2026-03-02T02:00:00.123456789Z"), "a", "r", "x", null, null, null, null);

        assertThat(nanos.at()).isEqualTo(Instant.parse("2026-03-02T02:00:00.123456Z"));
        AuditEntry stored = AuditChain.append(null, nanos);
        assertThat(AuditChain.hashOf(stored)).isEqualTo(stored.hash());
    }

    @Test
    void anEntryNamesWhoAndWhat() {
        assertThatThrownBy(() -> new AuditEntry.Content(T0, " ", "reviewer", "x", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEntry.Content(T0, "a", null, "x", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEntry.Content(T0, "a", "r", "", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUntouchedChainVerifiesAndGivesItsHeadForAnAnchor() {
        List<AuditEntry> entries = chain(50);

        AuditChain.Verification v = AuditChain.verify(entries);
        assertThat(v.intact()).isTrue();
        assertThat(v.checked()).isEqualTo(50);
        assertThat(v.lastHash()).isEqualTo(entries.get(49).hash());
        assertThat(entries.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(entries.get(0).sequence()).isEqualTo(1);
        assertThat(entries.get(1).previousHash()).isEqualTo(entries.get(0).hash());

        AuditChain.Verification none = AuditChain.verify(List.of());
        assertThat(none.intact()).isTrue();
        assertThat(none.lastHash()).isEqualTo(AuditChain.GENESIS);
    }

    @Test
    void changingAnyFieldOfAnEntryBreaksTheChainAtThatEntry() {
        List<UnaryOperator<AuditEntry.Content>> changes = List.of(
                c -> new AuditEntry.Content(
                        c.at().plusNanos(1_000),
                        c.actorId(),
                        c.actorRole(),
                        c.action(),
                        c.subject(),
                        c.before(),
                        c.after(),
                        c.correlationId()),
                c -> new AuditEntry.Content(
                        c.at(),
                        "someone-else",
                        c.actorRole(),
                        c.action(),
                        c.subject(),
                        c.before(),
                        c.after(),
                        c.correlationId()),
                c -> new AuditEntry.Content(
                        c.at(),
                        c.actorId(),
                        "admin",
                        c.action(),
                        c.subject(),
                        c.before(),
                        c.after(),
                        c.correlationId()),
                c -> new AuditEntry.Content(
                        c.at(),
                        c.actorId(),
                        c.actorRole(),
                        "APPROVE",
                        c.subject(),
                        c.before(),
                        c.after(),
                        c.correlationId()),
                c -> new AuditEntry.Content(
                        c.at(),
                        c.actorId(),
                        c.actorRole(),
                        c.action(),
                        "application/9",
                        c.before(),
                        c.after(),
                        c.correlationId()),
                c -> new AuditEntry.Content(
                        c.at(),
                        c.actorId(),
                        c.actorRole(),
                        c.action(),
                        c.subject(),
                        null,
                        c.after(),
                        c.correlationId()),
                c -> new AuditEntry.Content(
                        c.at(),
                        c.actorId(),
                        c.actorRole(),
                        c.action(),
                        c.subject(),
                        c.before(),
                        c.after().replace("7", "8"),
                        c.correlationId()),
                c -> new AuditEntry.Content(
                        c.at(), c.actorId(), c.actorRole(), c.action(), c.subject(), c.before(), c.after(), null));
        for (int i = 0; i < changes.size(); i++) {
            List<AuditEntry> entries = chain(20);
            entries.set(7, with(entries.get(7), changes.get(i)));

            AuditChain.Break b = breakOf(entries);
            assertThat(b.sequence()).as("change %d", i).isEqualTo(8);
            assertThat(b.position()).isEqualTo(8);
            assertThat(b.reason()).isEqualTo(AuditChain.Reason.HASH_MISMATCH);
            assertThat(b.found()).isEqualTo(entries.get(7).hash());
            assertThat(b.message().zh()).contains("8");
            assertThat(b.message().en()).contains("sequence 8");
        }
    }

    @Test
    void anEntryChangedAndRehashedBreaksTheChainAtTheNextEntry() {
        List<AuditEntry> entries = chain(20);
        AuditEntry altered = with(
                entries.get(7),
                c -> new AuditEntry.Content(
                        c.at(),
                        "someone-else",
                        c.actorRole(),
                        c.action(),
                        c.subject(),
                        c.before(),
                        c.after(),
                        c.correlationId()));
        AuditEntry rehashed = new AuditEntry(
                altered.sequence(),
                altered.at(),
                altered.actorId(),
                altered.actorRole(),
                altered.action(),
                altered.subject(),
                altered.before(),
                altered.after(),
                altered.correlationId(),
                altered.previousHash(),
                AuditChain.hashOf(altered));
        entries.set(7, rehashed);

        AuditChain.Break b = breakOf(entries);
        assertThat(b.sequence()).isEqualTo(9);
        assertThat(b.reason()).isEqualTo(AuditChain.Reason.PREVIOUS_HASH_MISMATCH);
        assertThat(b.expected()).isEqualTo(rehashed.hash());
        assertThat(AuditChain.verify(entries).checked()).isEqualTo(8);
    }

    @Test
    void aRemovedInsertedOrMovedEntryBreaksTheChain() {
        List<AuditEntry> removed = chain(20);
        removed.remove(5);
        AuditChain.Break gap = breakOf(removed);
        assertThat(gap.reason()).isEqualTo(AuditChain.Reason.SEQUENCE_GAP);
        assertThat(gap.position()).isEqualTo(6);
        assertThat(gap.sequence()).isEqualTo(7);

        List<AuditEntry> swapped = chain(20);
        AuditEntry fifth = swapped.get(4);
        swapped.set(4, swapped.get(5));
        swapped.set(5, fifth);
        assertThat(breakOf(swapped).position()).isEqualTo(5);

        // a forged entry inserted with the right sequence and renumbering after it still breaks at the next one
        List<AuditEntry> inserted = new ArrayList<>(chain(5));
        AuditEntry forged = AuditChain.append(inserted.get(2), content(99));
        inserted.add(3, forged);
        assertThat(breakOf(inserted).position()).isEqualTo(5);

        // the first entry must start from the genesis
        List<AuditEntry> headless = chain(5).subList(1, 5);
        assertThat(breakOf(headless).reason()).isEqualTo(AuditChain.Reason.SEQUENCE_GAP);
        List<AuditEntry> rebased = new ArrayList<>(chain(3));
        AuditEntry first = rebased.get(0);
        rebased.set(
                0,
                new AuditEntry(
                        1,
                        first.at(),
                        first.actorId(),
                        first.actorRole(),
                        first.action(),
                        first.subject(),
                        first.before(),
                        first.after(),
                        first.correlationId(),
                        "f".repeat(64),
                        first.hash()));
        assertThat(breakOf(rebased).reason()).isEqualTo(AuditChain.Reason.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void onlyTheFirstBreakIsReported() {
        List<AuditEntry> entries = chain(20);
        entries.set(
                3,
                with(
                        entries.get(3),
                        c -> new AuditEntry.Content(
                                c.at(),
                                "x",
                                c.actorRole(),
                                c.action(),
                                c.subject(),
                                c.before(),
                                c.after(),
                                c.correlationId())));
        entries.set(
                12,
                with(
                        entries.get(12),
                        c -> new AuditEntry.Content(
                                c.at(),
                                "y",
                                c.actorRole(),
                                c.action(),
                                c.subject(),
                                c.before(),
                                c.after(),
                                c.correlationId())));

        AuditChain.Verifier verifier = AuditChain.Verifier.fromGenesis();
        for (AuditEntry e : entries) {
            verifier.accept(e);
        }
        assertThat(verifier.result().firstBreak().sequence()).isEqualTo(4);
        assertThat(verifier.accept(entries.get(0))).contains(verifier.result().firstBreak());
        assertThat(verifier.result().checked()).isEqualTo(3);
    }

    @Test
    void aLongTrailIsVerifiedPageByPageOrFromATrustedAnchor() {
        List<AuditEntry> entries = chain(100);
        AuditChain.Verifier paged = AuditChain.Verifier.fromGenesis();
        for (int page = 0; page < 10; page++) {
            for (AuditEntry e : entries.subList(page * 10, page * 10 + 10)) {
                assertThat(paged.accept(e)).isEmpty();
            }
        }
        assertThat(paged.result().intact()).isTrue();
        assertThat(paged.result().checked()).isEqualTo(100);

        AuditEntry anchor = entries.get(59);
        AuditChain.Verifier tail = AuditChain.Verifier.after(anchor.sequence(), anchor.hash());
        entries.subList(60, 100).forEach(tail::accept);
        assertThat(tail.result().intact()).isTrue();
        assertThat(tail.result().checked()).isEqualTo(40);
        assertThat(tail.result().lastHash()).isEqualTo(entries.get(99).hash());

        AuditChain.Verifier wrongAnchor =
                AuditChain.Verifier.after(anchor.sequence(), entries.get(58).hash());
        assertThat(wrongAnchor.accept(entries.get(60)))
                .map(AuditChain.Break::reason)
                .contains(AuditChain.Reason.PREVIOUS_HASH_MISMATCH);
    }

    /** Random contents (any Unicode, newlines, separators) chain and verify; one random change is found where it is. */
    @Test
    void randomChainsVerifyAndAnyChangeIsFoundWhereItIs() {
        long seed = Long.getLong("audit.seed", System.nanoTime()); // rerun one with -Daudit.seed=
        System.out.println("AuditChainTest seed: " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(40);
            List<AuditEntry> entries = new ArrayList<>();
            AuditEntry previous = null;
            for (int i = 0; i < n; i++) {
                previous = AuditChain.append(
                        previous,
                        new AuditEntry.Content(
                                Instant.ofEpochSecond(
                                        1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000)),
                                text(random, 1),
                                text(random, 1),
                                text(random, 1),
                                maybe(random),
                                maybe(random),
                                maybe(random),
                                maybe(random)));
                entries.add(previous);
            }
            assertThat(AuditChain.verify(entries).intact())
                    .as("seed %d round %d", seed, round)
                    .isTrue();

            int k = random.nextInt(n);
            String other = text(random, 1) + "\u0000";
            entries.set(
                    k,
                    with(
                            entries.get(k),
                            c -> new AuditEntry.Content(
                                    c.at(),
                                    c.actorId(),
                                    c.actorRole(),
                                    c.action(),
                                    c.subject(),
                                    c.before(),
                                    other,
                                    c.correlationId())));
            AuditChain.Break b = breakOf(entries);
            assertThat(b.position()).as("seed %d round %d", seed, round).isEqualTo(k + 1);
            assertThat(b.reason()).isEqualTo(AuditChain.Reason.HASH_MISMATCH);
        }
    }

    private static String maybe(Random random) {
        return random.nextInt(5) == 0 ? null : text(random, 0);
    }

    private static String text(Random random, int min) {
        String alphabet = "ab=:\n,-{}\"中文审计链😀\t ";
        StringBuilder b = new StringBuilder();
        int length = min + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(alphabet.codePointAt(
                    alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        String s = b.toString();
        return min > 0 && s.isBlank() ? "x" + s : s;
    }
}
