package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.TopicList;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The budget ledger as partner agencies and operators meet it: real Keycloak tokens, the packaged
 * service, the real broker and database. 64 agency clients race for the last yuan of a year; a
 * budget service is killed (SIGKILL) in the middle of a stream of reservation commands and
 * started again, and every command is applied exactly once and announced exactly once.
 */
@ExtendWith(Suite.class)
class BudgetLedgerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A district block grant (拨改转) to propose: the one reservation made over REST. */
    private static Map<String, Object> blockGrant(UUID id, int year, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("blockGrantId", id.toString());
        body.put("programme", "S2-AI-PARK");
        body.put("department", "reform");
        body.put("district", "xinwu");
        body.put("fiscalYear", year);
        body.put("amount", new BigDecimal(amount));
        body.put("reason", "园区评估优秀 / park rated excellent");
        return body;
    }

    /** Gives a budget of its own the catalogue eligibility published to the suite. */
    private static void copyCatalogue(String prefix) {
        List<ConsumerRecord<String, String>> published = Topics.readAll(Suite.topic("eligibility.catalogue.events"));
        assertThat(published).as("the catalogue eligibility published").isNotEmpty();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Suite.KAFKA,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (ConsumerRecord<String, String> r : published) {
                ProducerRecord<String, String> copy = new ProducerRecord<>(
                        prefix + "eligibility.catalogue.events", null, r.key(), r.value(), r.headers());
                producer.send(copy);
            }
            producer.flush();
        }
    }

    private static void setTotal(String base, String finance, int year, String total) {
        Response r =
                Api.as(finance).body(Map.of("total", new BigDecimal(total))).put(base + "/budgets/" + year);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    }

    @Test
    void approvalsOfBlockGrantsRacingForTheLastYuanNeverOverspendAndEveryRefusalSaysWhy() throws Exception {
        String finance = Suite.userToken("fin-officer");
        // the second pair of eyes: finance's own agency system, another identity than the proposer
        String agency = Suite.clientToken("agency-finance");
        int year = Api.fiscalYear();
        // a budget of its own: its reservations are announced, and the suite's disbursement would pay them
        Process own = startOwnBudget("race", 18094);
        try {
            race(finance, agency, year, "http://127.0.0.1:18094");
        } finally {
            stop(own);
        }
    }

    private static Process startOwnBudget(String name, int port) throws Exception {
        Path log = Suite.root().resolve("e2e/target/service-logs/budget-" + name + ".log");
        String prefix = Suite.TOPIC_PREFIX + name + ".";
        try (Connection c = Suite.database("budget");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            s.execute("CREATE SCHEMA " + name);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Suite.KAFKA))) {
            admin.createTopics(TopicList.bundled().entrySet().stream()
                            .map(t -> new NewTopic(prefix + t.getKey(), t.getValue(), (short) 1)
                                    .configs(TopicList.configOf(t.getKey())))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        Process p = Suite.launch("budget", port, ownEnv(name), log);
        Suite.awaitReady("budget", port, log);
        return p;
    }

    private static Map<String, String> ownEnv(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_REACTIVE_URL", "postgresql://" + Suite.PG_HOST + "/budget_e2e?search_path=" + name);
        env.put("DB_JDBC_URL", "jdbc:postgresql://" + Suite.PG_HOST + "/budget_e2e?currentSchema=" + name);
        env.put("TOPIC_PREFIX", Suite.TOPIC_PREFIX + name + ".");
        env.put("GROUP_PREFIX", Suite.GROUP_PREFIX + name + "-");
        return env;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static void race(String finance, String approver, int year, String base) throws Exception {
        copyCatalogue(Suite.TOPIC_PREFIX + "race.");
        Response before = Api.as(finance).get(base + "/budgets/" + year);
        BigDecimal committed = before.statusCode() == 404
                ? BigDecimal.ZERO
                : before.jsonPath()
                        .getObject("pending", BigDecimal.class)
                        .add(before.jsonPath().getObject("posted", BigDecimal.class));
        setTotal(base, finance, year, committed.add(new BigDecimal("100.00")).toPlainString());
        // a department's agency may neither propose nor approve finance's block grants
        Response foreign = Api.as(Suite.clientToken("agency-science"))
                .body(blockGrant(UUID.randomUUID(), year, "1.00"))
                .post(base + "/block-grants");
        assertThat(foreign.statusCode()).isEqualTo(403);

        // 160 proposals of 1.00 for the 100.00 left, by one officer; nothing is reserved yet
        List<UUID> proposals = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            UUID id = UUID.randomUUID();
            Awaitility.await("the budget has the catalogue")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> Api.as(finance)
                                    .body(blockGrant(id, year, "1.00"))
                                    .post(base + "/block-grants")
                                    .statusCode()
                            == 201);
            proposals.add(id);
        }
        assertThat(Api.as(finance).get(base + "/budgets/" + year).jsonPath().getObject("available", BigDecimal.class))
                .isEqualByComparingTo("100.00");
        // the proposer cannot be the second pair of eyes
        Response self = Api.as(finance).post(base + "/block-grants/" + proposals.get(0) + "/approval");
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(self.jsonPath().getString("code")).isEqualTo("FOUR_EYES");

        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(8))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String[]>> futures = new ArrayList<>();
        for (UUID id : proposals) {
            futures.add(pool.submit(() -> {
                start.await();
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/block-grants/" + id + "/approval"))
                                .header("Authorization", "Bearer " + approver)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return new String[] {String.valueOf(r.statusCode()), r.body()};
            }));
        }
        start.countDown();
        int granted = 0;
        int refused = 0;
        for (Future<String[]> f : futures) {
            String[] r = f.get(120, TimeUnit.SECONDS);
            if (r[0].equals("200")) {
                granted++;
                continue;
            }
            assertThat(r[0]).as(r[1]).isEqualTo("422");
            JsonNode p = JSON.readTree(r[1]);
            assertThat(p.get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(p.get("account").asText()).isEqualTo("FY" + year + "/TOTAL");
            assertThat(p.get("headroom").decimalValue()).isLessThan(new BigDecimal("1.00"));
            assertThat(p.get("detail").asText()).contains("剩余额度").contains("headroom");
            refused++;
        }
        pool.shutdown();
        // 160 approvals of 1.00 for 100.00: exactly the last yuan goes, and no more
        assertThat(granted).isEqualTo(100);
        assertThat(refused).isEqualTo(60);
        Response after = Api.as(finance).get(base + "/budgets/" + year);
        assertThat(after.jsonPath().getObject("available", BigDecimal.class)).isEqualByComparingTo("0.00");
    }

    @Test
    void aBudgetServiceKilledInTheMiddleOfAStreamOfCommandsLosesNothingAndAppliesNothingTwice() throws Exception {
        String prefix = Suite.TOPIC_PREFIX + "restart.";
        int port = 18093;
        Path log = Suite.root().resolve("e2e/target/service-logs/budget-restart.log");
        Process budget = startOwnBudget("restart", port);
        Map<String, String> env = ownEnv("restart");
        try {
            int year = Api.fiscalYear();
            String base = "http://127.0.0.1:" + port;
            int commands = 6000;
            setTotal(base, Suite.userToken("fin-officer"), year, "5000.00");

            // 6,000 commands of 1.00 for a total of 5,000.00: 5,000 reserved and 1,000 refused, whatever happens
            Map<UUID, UUID> applicationOf = new HashMap<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    Suite.KAFKA,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG,
                    5))) {
                for (int i = 0; i < commands; i++) {
                    UUID reservation = UUID.randomUUID();
                    UUID application = UUID.randomUUID();
                    applicationOf.put(reservation, application);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("reservationId", reservation.toString());
                    body.put("applicationId", application.toString());
                    body.put("programme", "S4-EDGE-COMPUTE");
                    body.put("department", "industry");
                    body.put("beneficiaryId", SocialCreditCode.complete(String.format("91320214%09d", i)));
                    body.put("fiscalYear", year);
                    body.put("amount", "1.00");
                    body.put("limits", List.of());
                    body.put("requestedAt", Instant.now().toString());
                    ProducerRecord<String, String> record = new ProducerRecord<>(
                            prefix + "budget.commands", application.toString(), JSON.writeValueAsString(body));
                    header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
                    header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
                    header(record, CloudEventHeaders.TYPE, MessageType.RESERVE_FUNDS_V1.ceType());
                    header(record, CloudEventHeaders.SOURCE, "/grantflow/applications");
                    header(record, CloudEventHeaders.SUBJECT, application.toString());
                    header(record, CloudEventHeaders.CORRELATION_ID, application.toString());
                    producer.send(record);
                }
                producer.flush();
            }

            // kill it while it works through them
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && transfers() < 300) {
                Thread.sleep(10);
            }
            budget.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long atKill = transfers();
            assertThat(atKill)
                    .as("killed in the middle of the stream")
                    .isGreaterThan(0)
                    .isLessThan(commands);
            System.out.printf("budget killed with %d of %d commands applied%n", atKill, commands);

            budget = Suite.launch("budget", port, env, log);
            Suite.awaitReady("budget", port, log);

            // every command is applied, once
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline && transfers() < commands) {
                Thread.sleep(200);
            }
            assertThat(transfers()).isEqualTo(commands);
            try (Connection c = restartDb();
                    Statement s = c.createStatement()) {
                assertThat(one(s, "SELECT count(*) FROM transfer WHERE status = 'PENDING'"))
                        .isEqualTo(5000);
                assertThat(one(s, "SELECT count(*) FROM transfer WHERE status = 'REFUSED'"))
                        .isEqualTo(1000);
                assertThat(one(
                                s,
                                "SELECT count(*) FROM ledger_entry WHERE account_id = 'FY" + year
                                        + "/TOTAL' AND kind = 'RESERVE'"))
                        .as("one entry per reservation, none twice")
                        .isEqualTo(5000);
                assertThat(one(
                                s,
                                "SELECT count(*) FROM account WHERE id = 'FY" + year + "/TOTAL' AND pending = 5000.00 "
                                        + "AND limit_amount = 5000.00"))
                        .isEqualTo(1);
                assertThat(one(s, "SELECT count(*) FROM processed_message WHERE consumer = 'budget.commands'"))
                        .isEqualTo(commands);
            }

            // every outcome is announced, and only once (a re-sent event keeps its id: consumers drop it)
            Map<String, Set<String>> outcomeIds = new HashMap<>();
            Map<String, String> kind = new HashMap<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    Suite.KAFKA,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "reader-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class))) {
                consumer.subscribe(List.of(prefix + "budget.reservation.events"));
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && outcomeIds.size() < commands) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        String reservation =
                                JSON.readTree(r.value()).get("reservationId").asText();
                        outcomeIds
                                .computeIfAbsent(reservation, k -> new HashSet<>())
                                .add(new String(
                                        r.headers()
                                                .lastHeader(CloudEventHeaders.ID)
                                                .value(),
                                        StandardCharsets.UTF_8));
                        kind.put(
                                reservation,
                                new String(
                                        r.headers()
                                                .lastHeader(CloudEventHeaders.TYPE)
                                                .value(),
                                        StandardCharsets.UTF_8));
                        assertThat(r.key())
                                .isEqualTo(applicationOf
                                        .get(UUID.fromString(reservation))
                                        .toString());
                    }
                }
            }
            assertThat(outcomeIds).hasSize(commands);
            assertThat(outcomeIds.values())
                    .allSatisfy(ids ->
                            assertThat(ids).as("one outcome per reservation").hasSize(1));
            assertThat(kind.values().stream()
                            .filter(MessageType.FUNDS_RESERVED_V1.ceType()::equals)
                            .count())
                    .isEqualTo(5000);
            assertThat(kind.values().stream()
                            .filter(MessageType.RESERVATION_REFUSED_V1.ceType()::equals)
                            .count())
                    .isEqualTo(1000);
        } finally {
            stop(budget);
        }
    }

    @Test
    void aStagedAwardIsReservedInstalmentByInstalmentInItsOwnFiscalYearsAndItsFirstInstalmentIsPaid() throws Exception {
        String finance = Suite.userToken("fin-officer");
        String alpha = Suite.userToken("ent-alpha");
        Api.leaveHeadroom(finance, new BigDecimal("2000000.00"));
        int year = Api.fiscalYear();
        Response submitted =
                Api.submit(alpha, "S3-PROVINCIAL-KEY-LAB", "xinwu", Map.of("lab_ref", "LAB-E2E-" + UUID.randomUUID()));
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(201);
        String id = submitted.jsonPath().getString("id");
        Api.awaitStatus(alpha, id, "ELIGIBLE");
        // above the four-eyes threshold: the science agency's account confirms the reviewer's recommendation
        Response approved =
                Api.approve(Suite.userToken("rev-science"), Suite.clientToken("agency-science"), id, "4000000.00");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);

        // 分年度拨付: a quarter a year over four years; this year's instalment is paid now
        Response paid = Api.awaitStatus(alpha, id, "PARTLY_PAID");
        assertThat(paid.jsonPath().getObject("paidAmount", BigDecimal.class)).isEqualByComparingTo("1000000.00");
        String reservation;
        try (Connection c = Suite.database("budget");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM transfer WHERE application_id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            reservation = rs.getString(1);
        }
        // the budget posts the paid instalment from the same payment event the application heard of:
        // on its own consumer, so possibly a moment after the application reads PAID
        Awaitility.await("the paid instalment posted")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    Response r = Api.as(finance).get(Suite.url("budget") + "/reservations/" + reservation);
                    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
                    assertThat(r.jsonPath().getList("instalments.fiscalYear", Integer.class))
                            .containsExactly(year, year + 1, year + 2, year + 3);
                    assertThat(r.jsonPath().getList("instalments.amount", BigDecimal.class))
                            .allSatisfy(a -> assertThat(a).isEqualByComparingTo("1000000.00"));
                    assertThat(r.jsonPath().getList("instalments.status", String.class))
                            .containsExactly("POSTED", "PENDING", "PENDING", "PENDING");
                });
        // disbursement's plan is the budget's reservation, year by year: what it will pay is what is committed
        Response reserved = Api.as(finance).get(Suite.url("budget") + "/reservations/" + reservation);
        Response plans =
                Api.as(finance).queryParam("applicationId", id).get(Suite.url("disbursement") + "/payment-plans");
        assertThat(plans.statusCode()).as(plans.asString()).isEqualTo(200);
        assertThat(plans.jsonPath().getList("items.id", String.class)).hasSize(1);
        assertThat(plans.jsonPath().getString("items[0].reservationId")).isEqualTo(reservation);
        assertThat(plans.jsonPath().getList("items[0].instalments.fiscalYear", Integer.class))
                .isEqualTo(reserved.jsonPath().getList("instalments.fiscalYear", Integer.class));
        List<BigDecimal> planned = plans.jsonPath().getList("items[0].instalments.amount", BigDecimal.class);
        List<BigDecimal> committed = reserved.jsonPath().getList("instalments.amount", BigDecimal.class);
        assertThat(planned).hasSameSizeAs(committed);
        for (int i = 0; i < planned.size(); i++) {
            assertThat(planned.get(i)).as("instalment %d", i + 1).isEqualByComparingTo(committed.get(i));
        }
        assertThat(plans.jsonPath().getList("items[0].instalments.status", String.class))
                .containsExactly("PAID", "SCHEDULED", "SCHEDULED", "SCHEDULED");
        // 分阶段: the catalogue's staging plan names each stage's condition, and it reaches the plan
        // through the evaluation, the approval's reservation and the budget's event
        assertThat(reserved.jsonPath().getList("instalments.condition", String.class))
                .containsExactly("NONE", "MILESTONE", "MILESTONE", "MILESTONE");
        assertThat(plans.jsonPath().getList("items[0].instalments.condition", String.class))
                .containsExactly("NONE", "MILESTONE", "MILESTONE", "MILESTONE");
        assertThat(plans.jsonPath()
                        .getList("items[0].instalments.dueDate", String.class)
                        .subList(1, 4))
                .containsExactly(year + 1 + "-01-01", year + 2 + "-01-01", year + 3 + "-01-01");

        // next year's budget is not set yet: the instalment is committed against it, and its total must cover it
        Response next = Api.as(finance).get(Suite.url("budget") + "/budgets/" + (year + 1) + "/accounts");
        assertThat(next.jsonPath()
                        .getObject(
                                "items.find { it.account == 'FY" + (year + 1) + "/TOTAL' }.pending", BigDecimal.class))
                .isGreaterThanOrEqualTo(new BigDecimal("1000000.00"));
        Response tooLow = Api.as(finance)
                .body(Map.of("total", new BigDecimal("999999.99")))
                .put(Suite.url("budget") + "/budgets/" + (year + 1));
        assertThat(tooLow.statusCode()).isEqualTo(409);
        assertThat(tooLow.jsonPath().getString("code")).isEqualTo("BELOW_COMMITTED");
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Connection restartDb() throws Exception {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + Suite.PG_HOST + "/budget_e2e?currentSchema=restart", "budget", "budget");
    }

    private static long transfers() throws Exception {
        try (Connection c = restartDb();
                Statement s = c.createStatement()) {
            return one(s, "SELECT count(*) FROM transfer");
        } catch (SQLException e) {
            return 0; // not migrated yet
        }
    }

    private static long one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
