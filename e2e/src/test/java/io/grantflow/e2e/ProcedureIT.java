package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No money leaves except through the procedure, tried every way an outside tester found: no
 * reservation over REST but a block grant approved by a second finance officer; a reservation
 * no approval asked for is never paid; an application already paid is never paid again.
 */
@ExtendWith(Suite.class)
class ProcedureIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> reservation(
            UUID reservationId, UUID applicationId, String beneficiary, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservationId", reservationId.toString());
        body.put("applicationId", applicationId.toString());
        body.put("programme", "S4-EDGE-COMPUTE");
        body.put("department", "industry");
        body.put("beneficiaryId", beneficiary);
        body.put("fiscalYear", Api.fiscalYear());
        body.put("amount", new BigDecimal(amount));
        return body;
    }

    /** A reservation command as a rogue or mistaken producer on budget.commands would send it. */
    private static void inject(Map<String, Object> command) throws Exception {
        String key = command.get("applicationId").toString();
        ProducerRecord<String, String> record =
                new ProducerRecord<>(Suite.topic("budget.commands"), key, JSON.writeValueAsString(command));
        Map<String, String> headers = Map.of(
                CloudEventHeaders.SPEC_VERSION,
                CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID,
                UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE,
                MessageType.RESERVE_FUNDS_V1.ceType(),
                CloudEventHeaders.SOURCE,
                "/grantflow/applications",
                CloudEventHeaders.SUBJECT,
                key,
                CloudEventHeaders.CORRELATION_ID,
                key);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Suite.KAFKA,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> paymentStatuses(String finance, String applicationId) {
        return Api.as(finance)
                .queryParam("applicationId", applicationId)
                .get(Suite.url("disbursement") + "/payments")
                .jsonPath()
                .getList("items.status", String.class);
    }

    private static long treasuryPayments(String applicationId) throws Exception {
        try (Connection c = Suite.database("disbursement");
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM simulated_treasury_payment WHERE payment_id IN "
                                + "(SELECT id FROM payment WHERE application_id = ?::uuid)")) {
            s.setString(1, applicationId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void noRoleCanReserveOverRest() {
        Map<String, Object> body = reservation(UUID.randomUUID(), UUID.randomUUID(), "91320214AY4CL12T29", "100.00");
        for (String token : List.of(
                Suite.userToken("rev-industry"),
                Suite.clientToken("agency-industry"),
                Suite.userToken("fin-officer"),
                Suite.clientToken("agency-finance"))) {
            Response r = Api.as(token).body(body).post(Suite.url("budget") + "/reservations");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aReservationNoApprovalAskedForIsReservedByTheBudgetButNeverPaid() throws Exception {
        String finance = Suite.userToken("fin-officer");
        Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));
        UUID application = UUID.randomUUID();
        inject(reservation(UUID.randomUUID(), application, "91320214AY4CL12T29", "100.00"));
        Topics.awaitMessage(
                Suite.topic("budget.reservation.events"),
                application.toString(),
                MessageType.FUNDS_RESERVED_V1.ceType());
        Topics.awaitConsumed();
        Thread.sleep(2_000); // two rounds of the payment worker

        assertThat(paymentStatuses(finance, application.toString())).containsExactly("AWAITING_APPROVAL");
        assertThat(treasuryPayments(application.toString())).isZero();
        assertThat(Topics.recordsFor(Suite.topic("disbursement.payment.events"), application.toString()))
                .isEmpty();
    }

    @Test
    void anApplicationAlreadyPaidIsNeverPaidASecondTime() throws Exception {
        String finance = Suite.userToken("fin-officer");
        String alpha = Suite.userToken("ent-alpha");
        Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));
        String id = Api.submitEligible(alpha, 100_000);
        assertThat(Api.approve(Suite.userToken("rev-industry"), id, "100.00").statusCode())
                .isEqualTo(200);
        Api.awaitStatus(alpha, id, "PAID");

        // the same application reserved again, under a new reservation id
        inject(reservation(UUID.randomUUID(), UUID.fromString(id), "91320214AY4CL12T29", "100.00"));
        Awaitility.await("the second reservation reaches disbursement")
                .atMost(Duration.ofSeconds(60))
                .until(() -> paymentStatuses(finance, id).size() == 2);
        Topics.awaitConsumed();
        Thread.sleep(2_000);

        assertThat(paymentStatuses(finance, id)).containsExactlyInAnyOrder("PAID", "HELD");
        assertThat(Api.as(finance)
                        .queryParam("applicationId", id)
                        .queryParam("status", "HELD")
                        .get(Suite.url("disbursement") + "/payments")
                        .jsonPath()
                        .getString("items[0].holdReason"))
                .isEqualTo("ALREADY_PAID");
        assertThat(treasuryPayments(id)).isEqualTo(1);
        Response app = Api.get(alpha, id);
        assertThat(app.jsonPath().getString("status")).isEqualTo("PAID");
        assertThat(app.jsonPath().getObject("paidAmount", BigDecimal.class)).isEqualByComparingTo("100.00");
    }

    @Test
    void aDistrictBlockGrantIsPaidOnlyOnceASecondFinanceOfficerApprovedIt() throws Exception {
        String proposer = Suite.userToken("fin-officer");
        String checker = Suite.userToken("fin-checker");
        Api.leaveHeadroom(proposer, new BigDecimal("10000000.00"));
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("blockGrantId", id);
        body.put("programme", "S2-AI-PARK");
        body.put("department", "reform");
        body.put("district", "xinwu");
        body.put("fiscalYear", Api.fiscalYear());
        body.put("amount", new BigDecimal("5000000.00"));
        body.put("reason", "新吴区人工智能特色园区评估优秀 / the park was rated excellent");
        Response proposed = Api.as(proposer).body(body).post(Suite.url("budget") + "/block-grants");
        assertThat(proposed.statusCode()).as(proposed.asString()).isEqualTo(201);

        Response self = Api.as(proposer).post(Suite.url("budget") + "/block-grants/" + id + "/approval");
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(self.jsonPath().getString("code")).isEqualTo("FOUR_EYES");
        assertThat(paymentStatuses(proposer, id)).isEmpty();

        Response approved = Api.as(checker).post(Suite.url("budget") + "/block-grants/" + id + "/approval");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        Awaitility.await("the block grant is paid")
                .atMost(Duration.ofSeconds(60))
                .until(() -> paymentStatuses(proposer, id).contains("PAID"));
        assertThat(treasuryPayments(id)).isEqualTo(1);
        Topics.awaitMessage(Suite.topic("budget.reservation.events"), id, MessageType.FUNDS_POSTED_V1.ceType());
        Topics.awaitConsumed();
        assertThat(Topics.deadLetters())
                .as("no service took the block grant for one of its applications")
                .noneMatch(r -> id.equals(r.key()));
    }
}
