package io.grantflow.eligibility.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.eligibility.application.PublishCatalogue;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The catalogue reaches the other services as data: every programme is published on the
 * compacted catalogue topic, keyed by its code, in the contract's shape, and published again only
 * when it changed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class CataloguePublicationIT {
    @Inject
    PublishCatalogue publisher;

    @Inject
    Policy policy;

    @Inject
    ObjectMapper json;

    @Test
    void everyProgrammeIsPublishedOnceInTheContractsShapeAndAgainOnlyWhenItChanged() throws Throwable {
        // forget what was published, as a new database would
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(s ->
                        s.createNativeQuery("DELETE FROM catalogue_publication").executeUpdate())));
        int programmes = policy.allProgrammes().size();
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(
                        () -> Panache.withTransaction(publisher::publishChanged)))
                .isEqualTo(programmes);
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(
                        () -> Panache.withTransaction(publisher::publishChanged)))
                .as("nothing changed, nothing published")
                .isZero();

        List<ConsumerRecord<String, String>> records = TestKafka.read(
                KafkaTopicsResource.bootstrapServers(),
                KafkaTopicsResource.topic(Topics.CATALOGUE_EVENTS),
                Duration.ofSeconds(60),
                rs -> rs.stream().map(ConsumerRecord::key).distinct().count() >= programmes);
        JsonSchema schema;
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream(MessageType.PROGRAMME_PUBLISHED_V1.schemaResource())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
        Map<String, JsonNode> latest = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode message = json.readTree(r.value());
            assertThat(schema.validate(message)).as("message for %s", r.key()).isEmpty();
            assertThat(message.path("code").asText()).isEqualTo(r.key());
            assertThat(r.value().length()).as("size of %s", r.key()).isLessThan(65_536);
            latest.put(r.key(), message);
        }
        assertThat(latest.keySet())
                .containsExactlyInAnyOrderElementsOf(policy.programmes().keySet());
        assertThat(latest.get("S10-TALENT").path("administered").asBoolean()).isFalse();
        JsonNode edge = latest.get("S4-EDGE-COMPUTE");
        assertThat(edge.path("departments").toString()).isEqualTo("[\"industry\"]");
        assertThat(edge.path("factsSchema").path("required").toString()).isEqualTo("[\"edge_purchase_cost\"]");
        assertThat(edge.path("factsSchema").path("additionalProperties").asBoolean(true))
                .isFalse();
        assertThat(latest.get("S2-AI-PARK").path("flags").toString()).contains("BLOCK_GRANT");
    }
}
