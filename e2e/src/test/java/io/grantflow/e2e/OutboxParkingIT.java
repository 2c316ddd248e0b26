package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.contracts.CloudEventHeaders;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One message the broker cannot take never stops the pipeline: it is parked with its error for
 * an operator, the next application is evaluated as usual, and nothing else is sent twice.
 */
@ExtendWith(Suite.class)
class OutboxParkingIT {

    @Test
    void aMessageTooLargeForTheBrokerIsParkedAndTheNextApplicationIsStillEvaluated() throws Exception {
        // an event of 2 MB in the applications service's outbox, as a request without bounds once made one
        UUID stuck = UUID.randomUUID();
        String aggregate = UUID.randomUUID().toString();
        try (Connection c = Suite.database("applications");
                PreparedStatement s = c.prepareStatement("""
                INSERT INTO outbox_message (id, topic, message_key, ce_type, ce_source, ce_subject, ce_time,
                                            correlation_id, payload)
                VALUES (?, 'applications.application.events', ?, 'grantflow.applications.ApplicationStatusChanged.v1',
                        '/grantflow/applications', ?, now(), ?, ?)""")) {
            s.setObject(1, stuck);
            s.setString(2, aggregate);
            s.setString(3, aggregate);
            s.setString(4, aggregate);
            s.setString(5, "{\"reasonZh\": \"" + "理".repeat(700_000) + "\"}");
            s.executeUpdate();
        }

        String alpha = Suite.userToken("ent-alpha");
        String id = Api.submitEligible(alpha, 50_000);
        assertThat(Api.get(alpha, id).jsonPath().getString("status")).isEqualTo("ELIGIBLE");

        Response parked = Api.as(Suite.userToken("ops")).get(Suite.url("applications") + "/outbox/parked");
        assertThat(parked.statusCode()).as(parked.asString()).isEqualTo(200);
        assertThat(parked.jsonPath().getList("items.id", String.class)).contains(stuck.toString());
        assertThat(parked.asString()).as("the payload is never shown").doesNotContain("理理理");
        String metrics = RestAssured.get(Suite.managementUrl("applications") + "/q/metrics")
                .asString();
        assertThat(metrics).contains("grantflow_outbox_parked");
        assertThat(Api.as(alpha)
                        .get(Suite.url("applications") + "/outbox/parked")
                        .statusCode())
                .as("not for enterprises")
                .isEqualTo(403);

        // nothing of the stuck row went out, and no other event went out twice
        List<ConsumerRecord<String, String>> sent = Topics.readAll(Suite.topic("applications.application.events"));
        assertThat(sent).noneMatch(r -> aggregate.equals(r.key()));
        Map<String, Long> perId = sent.stream()
                .collect(Collectors.groupingBy(
                        r -> Topics.header(r, CloudEventHeaders.ID), HashMap::new, Collectors.counting()));
        assertThat(perId.values()).as("copies of each event id").allMatch(n -> n == 1);
    }
}
