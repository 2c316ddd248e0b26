package io.grantflow.budget.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.budget.application.LedgerWriter;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.budget.domain.Rejection;
import io.grantflow.budget.domain.ReservationRequest;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.platform.messaging.InboxKey;
import io.grantflow.platform.messaging.MessageContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger writer's inbox on the real PostgreSQL, without Quarkus: the writer claims every
 * message of a batch with the platform's idempotent claim before it applies any, so a message is
 * applied once whether it comes twice in one batch, again later, or at the same moment to another
 * instance; and a command the ledger refuses leaves no claim, so its redelivery is judged again.
 */
class LedgerInboxIT {
    private static final LedgerRules RULES = new LedgerRules(1_000_000_00, 10, Duration.ofDays(1));
    private static final String CONSUMER = "budget.commands";
    private static final int YEAR = 1800;
    private static LedgerFixture fixture;

    @BeforeAll
    static void schema() throws Exception {
        fixture = LedgerFixture.fresh("ledger_inbox", RULES, 16);
        LedgerResult set = fixture.writer
                .submit(
                        new LedgerCommand.SetLimit(
                                Accounts.fiscalYearTotal(YEAR), AccountKind.FISCAL_YEAR_TOTAL, YEAR, 1_000_000_00L),
                        LedgerWriter.Origin.of(context(), "test"))
                .get(30, TimeUnit.SECONDS);
        assertThat(set).isInstanceOf(LedgerResult.LimitSet.class);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static MessageContext context() {
        return new MessageContext(UUID.randomUUID().toString(), null);
    }

    private static LedgerCommand reserve(UUID reservationId) {
        return new LedgerCommand.Reserve(new ReservationRequest(
                reservationId,
                UUID.randomUUID(),
                "S4-EDGE-COMPUTE",
                "industry",
                SocialCreditCode.complete("91320214012345678"),
                null,
                YEAR,
                1_000_00L,
                null,
                List.of(),
                Instant.now().plusSeconds(3600)));
    }

    private static CompletableFuture<LedgerResult> submit(LedgerCommand command, String messageId) {
        return fixture.writer.submit(
                command, new LedgerWriter.Origin(new InboxKey(CONSUMER, messageId), context(), "kafka:" + CONSUMER));
    }

    private static long count(String sql, Object... parameters) throws Exception {
        try (Connection c = fixture.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long transfers(UUID id) throws Exception {
        return count("SELECT count(*) FROM transfer WHERE id = ?", id);
    }

    private static long claims(String messageId) throws Exception {
        return count(
                "SELECT count(*) FROM processed_message WHERE consumer = ? AND message_id = ?", CONSUMER, messageId);
    }

    @Test
    void aMessageDeliveredTwiceAtOnceAndOnceMoreLaterIsAppliedOnce() throws Exception {
        UUID reservation = UUID.randomUUID();
        String message = UUID.randomUUID().toString();

        CompletableFuture<LedgerResult> first = submit(reserve(reservation), message);
        CompletableFuture<LedgerResult> second = submit(reserve(reservation), message);
        List<LedgerResult> results = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
        LedgerResult later = submit(reserve(reservation), message).get(30, TimeUnit.SECONDS);

        assertThat(results)
                .filteredOn(r -> r instanceof LedgerResult.Reserved x && !x.replay())
                .hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof LedgerResult.Duplicate).hasSize(1);
        assertThat(later).isInstanceOf(LedgerResult.Duplicate.class);
        assertThat(transfers(reservation)).isEqualTo(1);
        assertThat(claims(message)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_message WHERE payload LIKE ?", "%" + reservation + "%"))
                .as("outbox rows announcing the reservation")
                .isEqualTo(1);
    }

    @Test
    void aMessageAnotherInstanceIsClaimingIsWaitedForAndIsADuplicateOnceThatInstanceCommits() throws Exception {
        UUID reservation = UUID.randomUUID();
        String message = UUID.randomUUID().toString();
        try (Connection other = fixture.connection()) {
            other.setAutoCommit(false);
            try (PreparedStatement claim =
                    other.prepareStatement("INSERT INTO processed_message (consumer, message_id) VALUES (?, ?)")) {
                claim.setString(1, CONSUMER);
                claim.setString(2, message);
                claim.executeUpdate();
            }

            CompletableFuture<LedgerResult> result = submit(reserve(reservation), message);
            Thread.sleep(1_000);
            assertThat(result).as("waits for the other instance's claim").isNotDone();
            other.commit();

            assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOf(LedgerResult.Duplicate.class);
        }
        assertThat(transfers(reservation))
                .as("applied by the other instance only (which here applied nothing)")
                .isZero();
    }

    @Test
    void aMessageWhoseOtherClaimRollsBackIsAppliedHere() throws Exception {
        UUID reservation = UUID.randomUUID();
        String message = UUID.randomUUID().toString();
        try (Connection other = fixture.connection()) {
            other.setAutoCommit(false);
            try (PreparedStatement claim =
                    other.prepareStatement("INSERT INTO processed_message (consumer, message_id) VALUES (?, ?)")) {
                claim.setString(1, CONSUMER);
                claim.setString(2, message);
                claim.executeUpdate();
            }
            CompletableFuture<LedgerResult> result = submit(reserve(reservation), message);
            Thread.sleep(1_000);
            assertThat(result).isNotDone();
            other.rollback();

            assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOf(LedgerResult.Reserved.class);
        }
        assertThat(transfers(reservation)).isEqualTo(1);
        assertThat(claims(message)).isEqualTo(1);
    }

    @Test
    void aCommandTheLedgerRefusesLeavesNoClaimSoItsRedeliveryIsJudgedAgain() throws Exception {
        UUID reservation = UUID.randomUUID();
        String voidMessage = UUID.randomUUID().toString();

        LedgerResult refused =
                submit(new LedgerCommand.Void(reservation, "test"), voidMessage).get(30, TimeUnit.SECONDS);
        assertThat(refused)
                .isInstanceOfSatisfying(
                        LedgerResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(Rejection.UNKNOWN_RESERVATION));
        assertThat(claims(voidMessage)).as("no claim for a refused command").isZero();

        assertThat(submit(reserve(reservation), UUID.randomUUID().toString()).get(30, TimeUnit.SECONDS))
                .isInstanceOf(LedgerResult.Reserved.class);
        LedgerResult redelivered =
                submit(new LedgerCommand.Void(reservation, "test"), voidMessage).get(30, TimeUnit.SECONDS);

        assertThat(redelivered)
                .as("the same message again, now that its reservation exists")
                .isInstanceOf(LedgerResult.Voided.class);
        assertThat(claims(voidMessage)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM transfer WHERE id = ? AND status = 'VOIDED'", reservation))
                .isEqualTo(1);
    }
}
