package io.grantflow.budget;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.FundsPostedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.contracts.events.ReservationRefusedV1;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The ledger on the real database and broker: finance sets a fiscal year's total over HTTP,
 * reservation commands come in on the budget's topic and their outcome goes out, and the total is
 * never exceeded, not even by reservations that arrive at once.
 *
 * <p>The test database outlives a run, and with it the accounts of earlier runs: each test picks
 * its own fiscal year and sets the total to what that year has already committed plus the
 * headroom it needs, so it only ever compares balances before and after.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class BudgetIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String ALPHA = "91320214AY4CL12T29";
    /** A year per test, so tests of one run never share an account. */
    // each test class of this service has years of its own (2040-2087 here), so none sees another's reservations
    private static final int BASE_YEAR = 2040 + ThreadLocalRandom.current().nextInt(0, 50) / 10 * 10;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    /** A fiscal year's balance as GET /budgets/{year} shows it. */
    record Balance(BigDecimal total, BigDecimal pending, BigDecimal posted, BigDecimal available) {
        BigDecimal committed() {
            return pending.add(posted);
        }
    }

    private static final Balance NONE = new Balance(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    private static RequestSpecification api() {
        return given().config(RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)));
    }

    private static Balance balance(int year) {
        Response r = api().when().get("/budgets/" + year);
        if (r.statusCode() == 404) {
            return NONE;
        }
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.jsonPath().getString("account")).isEqualTo("FY" + year + "/TOTAL");
        return new Balance(
                r.jsonPath().getObject("total", BigDecimal.class),
                r.jsonPath().getObject("pending", BigDecimal.class),
                r.jsonPath().getObject("posted", BigDecimal.class),
                r.jsonPath().getObject("available", BigDecimal.class));
    }

    private static Response setTotal(int year, BigDecimal total) {
        return api().contentType(ContentType.JSON)
                .body(Map.of("total", total))
                .when()
                .put("/budgets/" + year);
    }

    /** Sets the year's total so that exactly {@code headroom} is left; returns the balance before. */
    private static Balance leaveHeadroom(int year, String headroom) {
        Balance before = balance(year);
        Response set = setTotal(year, before.committed().add(new BigDecimal(headroom)));
        assertThat(set.statusCode()).as(set.asString()).isEqualTo(200);
        assertThat(set.jsonPath().getObject("available", BigDecimal.class)).isEqualByComparingTo(headroom);
        return before;
    }

    private ProducerRecord<String, String> reserveCommand(
            int year, UUID applicationId, UUID reservationId, String amount) throws Exception {
        return reserveCommand(year, applicationId, reservationId, amount, ALPHA);
    }

    private ProducerRecord<String, String> reserveCommand(
            int year, UUID applicationId, UUID reservationId, String amount, String beneficiary) throws Exception {
        ReserveFundsV1 command = new ReserveFundsV1(
                reservationId,
                applicationId,
                "S4-EDGE-COMPUTE",
                "industry",
                beneficiary,
                year,
                new BigDecimal(amount),
                List.of(),
                Instant.now());
        return TestKafka.record(
                KafkaTopicsResource.topic(Topics.BUDGET_COMMANDS),
                applicationId.toString(),
                json.writeValueAsString(command),
                TestKafka.cloudEventHeaders(
                        MessageType.RESERVE_FUNDS_V1.ceType(), UUID.randomUUID().toString(), applicationId.toString()));
    }

    private void reserve(int year, UUID applicationId, UUID reservationId, String amount) throws Exception {
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(), reserveCommand(year, applicationId, reservationId, amount));
    }

    private static List<ConsumerRecord<String, String>> reservationEvents(
            Predicate<List<ConsumerRecord<String, String>>> until) {
        return TestKafka.read(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.RESERVATION_EVENTS),
                WAIT,
                until);
    }

    private static boolean is(ConsumerRecord<String, String> record, MessageType type) {
        return type.ceType().equals(TestKafka.header(record, CloudEventHeaders.TYPE));
    }

    /** The first reservation outcome (reserved or refused) for an application. */
    private static ConsumerRecord<String, String> outcome(UUID applicationId) {
        Predicate<ConsumerRecord<String, String>> match =
                r -> applicationId.toString().equals(r.key())
                        && (is(r, MessageType.FUNDS_RESERVED_V1) || is(r, MessageType.RESERVATION_REFUSED_V1));
        return reservationEvents(records -> records.stream().anyMatch(match)).stream()
                .filter(match)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no reservation outcome for " + applicationId));
    }

    private FundsReservedV1 reserved(UUID applicationId) throws Exception {
        ConsumerRecord<String, String> r = outcome(applicationId);
        assertThat(TestKafka.header(r, CloudEventHeaders.TYPE))
                .as(r.value())
                .isEqualTo(MessageType.FUNDS_RESERVED_V1.ceType());
        return json.readValue(r.value(), FundsReservedV1.class);
    }

    private ReservationRefusedV1 refused(UUID applicationId) throws Exception {
        ConsumerRecord<String, String> r = outcome(applicationId);
        assertThat(TestKafka.header(r, CloudEventHeaders.TYPE))
                .as(r.value())
                .isEqualTo(MessageType.RESERVATION_REFUSED_V1.ceType());
        return json.readValue(r.value(), ReservationRefusedV1.class);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReservationWithinTheHeadroomIsReservedAndOneBeyondItIsRefusedNamingTheAccountAndTheHeadroom()
            throws Exception {
        int year = BASE_YEAR;
        Balance before = leaveHeadroom(year, "100000.00");

        UUID first = UUID.randomUUID();
        UUID firstReservation = UUID.randomUUID();
        reserve(year, first, firstReservation, "60000.00");
        FundsReservedV1 ok = reserved(first);
        assertThat(ok.reservationId()).isEqualTo(firstReservation);
        assertThat(ok.applicationId()).isEqualTo(first);
        assertThat(ok.amount()).isEqualTo(new BigDecimal("60000.00"));
        assertThat(ok.fiscalYear()).isEqualTo(year);
        assertThat(ok.beneficiaryId()).isEqualTo(ALPHA);
        Balance afterFirst = balance(year);
        assertThat(afterFirst.pending().subtract(before.pending())).isEqualByComparingTo("60000.00");
        assertThat(afterFirst.available()).isEqualByComparingTo("40000.00");

        UUID second = UUID.randomUUID();
        UUID secondReservation = UUID.randomUUID();
        reserve(year, second, secondReservation, "50000.00");
        ReservationRefusedV1 no = refused(second);
        assertThat(no.code()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(no.account()).isEqualTo("FY" + year + "/TOTAL");
        assertThat(no.headroom()).isEqualTo(new BigDecimal("40000.00"));
        assertThat(no.requested()).isEqualTo(new BigDecimal("50000.00"));
        assertThat(no.reservationId()).isEqualTo(secondReservation);
        assertThat(no.messageZh()).contains("40000.00");
        assertThat(no.messageEn()).contains("40000.00").contains("50000.00");
        assertThat(balance(year)).as("a refusal changes nothing").isEqualTo(afterFirst);

        UUID third = UUID.randomUUID();
        reserve(year, third, UUID.randomUUID(), "40000.00");
        assertThat(reserved(third).amount()).as("the exact headroom fits").isEqualTo(new BigDecimal("40000.00"));
        assertThat(balance(year).available()).isEqualByComparingTo("0.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReservationCommandDeliveredAgainReservesOnce() throws Exception {
        int year = BASE_YEAR + 1;
        Balance before = leaveHeadroom(year, "50000.00");
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        reserve(year, applicationId, reservationId, "10000.00");
        reserved(applicationId);

        reserve(year, applicationId, reservationId, "10000.00"); // same reservation id, new event id
        int partitions = TestKafka.partitions(Topics.BUDGET_COMMANDS);
        UUID later = TestKafka.keyOnPartition(TestKafka.partitionOf(applicationId.toString(), partitions), partitions);
        reserve(year, later, UUID.randomUUID(), "1000.00");
        reserved(later);

        List<ConsumerRecord<String, String>> events = reservationEvents(
                records -> records.stream().anyMatch(r -> later.toString().equals(r.key())));
        assertThat(events.stream().filter(r -> applicationId.toString().equals(r.key())))
                .hasSize(1);
        assertThat(balance(year).pending().subtract(before.pending())).isEqualByComparingTo("11000.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aReservationForAYearWithoutBudgetIsRefusedAsNoBudget() throws Exception {
        // No test gives 2099 a budget (and the test schema is built afresh each run).
        int year = 2099;
        api().when().get("/budgets/" + year).then().statusCode(404);
        UUID applicationId = UUID.randomUUID();

        reserve(year, applicationId, UUID.randomUUID(), "1000.00");

        ReservationRefusedV1 no = refused(applicationId);
        assertThat(no.code()).isEqualTo("NO_BUDGET");
        assertThat(no.account()).isEqualTo("FY" + year + "/TOTAL");
        assertThat(no.requested()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(no.messageEn()).contains(String.valueOf(year));
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aFailedPaymentReturnsItsReservationToTheBudgetOnce() throws Exception {
        int year = BASE_YEAR + 7;
        leaveHeadroom(year, "100000.00");
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        reserve(year, applicationId, reservationId, "40000.00");
        reserved(applicationId);
        Balance reservedBalance = balance(year);
        assertThat(reservedBalance.available()).isEqualByComparingTo("60000.00");

        PaymentFailedV1 failed = new PaymentFailedV1(
                UUID.randomUUID(),
                applicationId,
                reservationId,
                new BigDecimal("40000.00"),
                "ACCOUNT_CLOSED",
                "收款账户已销户",
                "The account is closed",
                Instant.now());
        String payload = json.writeValueAsString(failed);
        String ceId = UUID.randomUUID().toString();
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                applicationId.toString(),
                MessageType.PAYMENT_FAILED_V1.ceType(),
                payload,
                ceId);
        // the same failure again, under another message id: the reservation is voided once only
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                applicationId.toString(),
                MessageType.PAYMENT_FAILED_V1.ceType(),
                payload,
                UUID.randomUUID().toString());

        Awaitility.await("the reservation is voided")
                .atMost(WAIT)
                .until(() -> balance(year).available().compareTo(new BigDecimal("100000.00")) == 0);
        // a later reservation on the same key proves both failures were handled before it
        UUID later = UUID.randomUUID();
        TestKafka.send(KafkaTopicsResource.bootstrapServers(), reserveCommand(year, applicationId, later, "1.00"));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> balance(year)
                                .pending()
                                .compareTo(reservedBalance
                                        .pending()
                                        .subtract(new BigDecimal("40000.00"))
                                        .add(new BigDecimal("1.00")))
                        == 0);
        Balance after = balance(year);
        assertThat(after.posted()).isEqualByComparingTo(reservedBalance.posted());
        assertThat(after.available()).isEqualByComparingTo("99999.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aCompletedPaymentPostsItsReservation() throws Exception {
        int year = BASE_YEAR + 2;
        leaveHeadroom(year, "100000.00");
        UUID applicationId = UUID.randomUUID();
        UUID reservationId = UUID.randomUUID();
        reserve(year, applicationId, reservationId, "70000.00");
        reserved(applicationId);
        Balance reservedBalance = balance(year);

        PaymentCompletedV1 paid = new PaymentCompletedV1(
                UUID.randomUUID(),
                applicationId,
                reservationId,
                ALPHA,
                new BigDecimal("70000.00"),
                "SIM-TEST-0001",
                Instant.now());
        TestKafka.send(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS),
                applicationId.toString(),
                MessageType.PAYMENT_COMPLETED_V1.ceType(),
                json.writeValueAsString(paid),
                UUID.randomUUID().toString());

        Awaitility.await("the reservation is posted")
                .atMost(WAIT)
                .until(() -> balance(year)
                                .posted()
                                .subtract(reservedBalance.posted())
                                .compareTo(new BigDecimal("70000.00"))
                        == 0);
        Balance postedBalance = balance(year);
        assertThat(reservedBalance.pending().subtract(postedBalance.pending())).isEqualByComparingTo("70000.00");
        assertThat(postedBalance.available()).isEqualByComparingTo(reservedBalance.available());
        List<ConsumerRecord<String, String>> events = reservationEvents(records -> records.stream()
                .anyMatch(r -> applicationId.toString().equals(r.key()) && is(r, MessageType.FUNDS_POSTED_V1)));
        FundsPostedV1 posted = json.readValue(
                events.stream()
                        .filter(r -> applicationId.toString().equals(r.key()) && is(r, MessageType.FUNDS_POSTED_V1))
                        .findFirst()
                        .orElseThrow()
                        .value(),
                FundsPostedV1.class);
        assertThat(posted.reservationId()).isEqualTo(reservationId);
        assertThat(posted.amount()).isEqualTo(new BigDecimal("70000.00"));
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void theTotalCannotBeLoweredBelowWhatIsReservedAndPosted() throws Exception {
        int year = BASE_YEAR + 3;
        leaveHeadroom(year, "20000.00");
        UUID applicationId = UUID.randomUUID();
        reserve(year, applicationId, UUID.randomUUID(), "15000.00");
        reserved(applicationId);
        Balance committed = balance(year);

        Response refused = setTotal(year, committed.committed().subtract(new BigDecimal("0.01")));

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(409);
        assertThat(refused.jsonPath().getString("code")).isNotBlank();
        assertThat(refused.jsonPath().getString("detail")).isNotBlank();
        assertThat(balance(year)).as("the total stays").isEqualTo(committed);

        Response exact = setTotal(year, committed.committed());
        assertThat(exact.statusCode())
                .as("lowering to exactly what is committed: " + exact.asString())
                .isEqualTo(200);
        assertThat(balance(year).available()).isEqualByComparingTo("0.00");
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void aTotalThatIsNotAnAmountInYuanIsAProblemNamingTheTotal() {
        int year = BASE_YEAR + 4;
        Balance before = balance(year);
        for (String total : List.of("-1.00", "1000.001")) {
            Response refused = api().contentType(ContentType.JSON)
                    .body("{\"total\": " + total + "}")
                    .when()
                    .put("/budgets/" + year);

            assertThat(refused.statusCode())
                    .as(total + ": " + refused.asString())
                    .isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getList("errors.field", String.class))
                    .as(refused.asString())
                    .contains("total");
        }
        assertThat(balance(year)).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "rev-industry", roles = "reviewer")
    void aReviewerCannotSetNorReadABudget() {
        setTotal(BASE_YEAR + 4, new BigDecimal("1000.00")).then().statusCode(403);
        api().when().get("/budgets/" + (BASE_YEAR + 4)).then().statusCode(403);
    }

    @Test
    void budgetsNeedASignedInUser() {
        setTotal(BASE_YEAR + 4, new BigDecimal("1000.00")).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "fin-officer", roles = "finance")
    void sixtyFourReservationsArrivingAtOnceNeverTakeMoreThanTheTotal() throws Exception {
        int year = BASE_YEAR + 5;
        Balance before = leaveHeadroom(year, "300000.00");
        int partitions = TestKafka.partitions(Topics.BUDGET_COMMANDS);
        List<UUID> applications = new ArrayList<>();
        List<ProducerRecord<String, String>> commands = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            UUID applicationId = TestKafka.keyOnPartition(i % partitions, partitions);
            applications.add(applicationId);
            // one beneficiary each: G4 allows a beneficiary ten awards a year, and this test is about the total
            commands.add(reserveCommand(
                    year,
                    applicationId,
                    UUID.randomUUID(),
                    "10000.00",
                    SocialCreditCode.complete(String.format("91320214%09d", i))));
        }
        Set<String> keys =
                new HashSet<>(applications.stream().map(UUID::toString).toList());

        // Watch the account directly while the commands are handled: pending must never pass the total.
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicReference<BigDecimal> highestPending = new AtomicReference<>(before.pending());
        Thread watcher = new Thread(
                () -> {
                    try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                            PreparedStatement s = c.prepareStatement("SELECT pending FROM account WHERE id = ?")) {
                        s.setString(1, "FY" + year + "/TOTAL");
                        while (watching.get()) {
                            try (ResultSet rows = s.executeQuery()) {
                                if (rows.next()) {
                                    highestPending.accumulateAndGet(rows.getBigDecimal(1), BigDecimal::max);
                                }
                            }
                            Thread.sleep(20);
                        }
                    } catch (Exception e) {
                        highestPending.set(null);
                    }
                },
                "pending-watcher");
        watcher.start();
        try {
            TestKafka.send(KafkaTopicsResource.bootstrapServers(), commands);

            List<ConsumerRecord<String, String>> outcomes =
                    reservationEvents(records -> records.stream()
                                            .filter(r -> keys.contains(r.key()))
                                            .count()
                                    >= 64)
                            .stream()
                            .filter(r -> keys.contains(r.key()))
                            .toList();

            assertThat(outcomes).hasSize(64);
            assertThat(outcomes.stream().map(ConsumerRecord::key).distinct())
                    .as("one outcome per application")
                    .hasSize(64);
            List<ConsumerRecord<String, String>> reserved = outcomes.stream()
                    .filter(r -> is(r, MessageType.FUNDS_RESERVED_V1))
                    .toList();
            List<ConsumerRecord<String, String>> refused = outcomes.stream()
                    .filter(r -> is(r, MessageType.RESERVATION_REFUSED_V1))
                    .toList();
            assertThat(reserved).hasSize(30);
            assertThat(refused).hasSize(34);
            for (ConsumerRecord<String, String> r : refused) {
                ReservationRefusedV1 no = json.readValue(r.value(), ReservationRefusedV1.class);
                assertThat(no.code()).isEqualTo("LIMIT_EXCEEDED");
                assertThat(no.account()).isEqualTo("FY" + year + "/TOTAL");
                assertThat(no.headroom()).as("the budget was used up").isEqualByComparingTo("0.00");
            }
        } finally {
            watching.set(false);
            watcher.join(5_000);
        }
        Balance after = balance(year);
        assertThat(after.pending().subtract(before.pending())).isEqualByComparingTo("300000.00");
        assertThat(after.available()).isEqualByComparingTo("0.00");
        assertThat(highestPending.get())
                .as("pending seen while the commands were handled")
                .isNotNull();
        assertThat(highestPending.get().subtract(before.pending())).isLessThanOrEqualTo(new BigDecimal("300000.00"));
    }
}
