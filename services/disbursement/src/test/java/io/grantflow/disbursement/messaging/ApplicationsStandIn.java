package io.grantflow.disbursement.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.PaymentClearanceRequestedV1;
import io.grantflow.contracts.events.PaymentClearanceV1;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The applications service as disbursement sees it when it asks for a payment's clearance: it
 * clears every payment, except those of applications a test marked withdrawn, which it refuses
 * as the real service does; a cleared one carries the payee a test gave its application. Runs once per test JVM on the test run's topics.
 */
final class ApplicationsStandIn {
    private static final Set<UUID> WITHDRAWN = ConcurrentHashMap.newKeySet();
    private static final Map<UUID, PaymentClearanceV1.Payee> PAYEES = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static volatile Thread thread;

    private ApplicationsStandIn() {}

    /** Starts answering, if not yet. */
    static synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(ApplicationsStandIn::run, "applications-stand-in");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on the application refuses its payments, as a withdrawn one does. */
    static void withdraw(UUID applicationId) {
        WITHDRAWN.add(applicationId);
    }

    /** From now on the application's cleared payments carry this payee, as its applicant's profile gives it. */
    static void payee(UUID applicationId, PaymentClearanceV1.Payee payee) {
        PAYEES.put(applicationId, payee);
    }

    private static void run() {
        String bootstrap = KafkaTopicsResource.bootstrapServers();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "applications-stand-in-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(KafkaTopicsResource.topic(Topics.PAYMENT_EVENTS)));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (MessageType.PAYMENT_CLEARANCE_REQUESTED_V1
                            .ceType()
                            .equals(TestKafka.header(record, CloudEventHeaders.TYPE))) {
                        answer(bootstrap, JSON.readValue(record.value(), PaymentClearanceRequestedV1.class));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the applications stand-in stopped", e);
        }
    }

    private static void answer(String bootstrap, PaymentClearanceRequestedV1 request) throws Exception {
        boolean withdrawn = WITHDRAWN.contains(request.applicationId());
        PaymentClearanceV1 answer = new PaymentClearanceV1(
                request.paymentId(),
                request.applicationId(),
                request.reservationId(),
                !withdrawn,
                withdrawn ? "WITHDRAWN" : "APPROVED",
                withdrawn ? "NOT_PAYABLE" : null,
                withdrawn ? "申请已撤回，不予拨付" : null,
                withdrawn ? "The application was withdrawn; it is not paid" : null,
                Instant.now());
        if (!withdrawn) {
            answer = answer.withPayee(PAYEES.get(request.applicationId()));
        }
        TestKafka.send(
                bootstrap,
                KafkaTopicsResource.topic(Topics.APPLICATION_EVENTS),
                request.applicationId().toString(),
                MessageType.PAYMENT_CLEARANCE_V1.ceType(),
                JSON.writeValueAsString(answer),
                UUID.randomUUID().toString());
    }
}
