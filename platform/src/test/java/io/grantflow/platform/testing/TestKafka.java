package io.grantflow.platform.testing;

import io.grantflow.contracts.CloudEventHeaders;
import io.grantflow.contracts.TopicList;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/** Raw access to the real broker for tests: send a CloudEvent, read a topic from the start. */
public final class TestKafka {
    private TestKafka() {}

    /** Sends a payload with CloudEvents headers; returns its ce_id. */
    public static String send(String bootstrap, String topic, String key, String ceType, String payload, String ceId) {
        send(bootstrap, record(topic, key, payload, cloudEventHeaders(ceType, ceId, key)));
        return ceId;
    }

    /**
     * The headers {@link #send(String, String, String, String, String, String)} writes, with a new
     * correlation id, as a mutable map: a test may read the correlation id, change a header, or
     * remove one (a record without {@code ce_id}, say).
     */
    public static Map<String, String> cloudEventHeaders(String ceType, String ceId, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, ceId);
        headers.put(CloudEventHeaders.TYPE, ceType);
        headers.put(CloudEventHeaders.SOURCE, "/grantflow/test");
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.CORRELATION_ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    /** A record with exactly these headers; null values are left out. */
    public static ProducerRecord<String, String> record(
            String topic, String key, String payload, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
        headers.forEach((name, value) -> {
            if (value != null) {
                header(record, name, value);
            }
        });
        return record;
    }

    /** Sends records through one producer, all at once, and waits until the broker has them all. */
    @SafeVarargs
    public static void send(String bootstrap, ProducerRecord<String, String>... records) {
        send(bootstrap, List.of(records));
    }

    /** Sends records through one producer, all at once, and waits until the broker has them all. */
    public static void send(String bootstrap, List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The partition the default partitioner gives a key on a topic of {@code partitions} partitions. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * A new random UUID whose key lands on partition {@code partition}: records keyed by it are
     * consumed after every earlier record of that partition, which lets a test wait for a consumer
     * to catch up.
     */
    public static UUID keyOnPartition(int partition, int partitions) {
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (partitionOf(candidate.toString(), partitions) == partition) {
                return candidate;
            }
        }
    }

    /** The partition count of a contract topic, or of the module's own test topics (logical name, without prefix). */
    public static int partitions(String logicalTopic) {
        Integer count = TopicList.bundled()
                .getOrDefault(logicalTopic, KafkaTopicsResource.testTopics().get(logicalTopic));
        if (count == null) {
            throw new IllegalArgumentException(
                    "not a topic of topics.txt nor of " + KafkaTopicsResource.TEST_TOPICS + ": " + logicalTopic);
        }
        return count;
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
    }

    /** Re-sends a consumed record unchanged (same key, headers and payload): a redelivery. */
    public static void resend(String bootstrap, ConsumerRecord<String, String> original) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, String> copy =
                    new ProducerRecord<>(original.topic(), original.key(), original.value());
            for (Header h : original.headers()) {
                copy.headers().add(h);
            }
            producer.send(copy).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from the beginning until {@code until} holds for the records read, or the timeout. */
    public static List<ConsumerRecord<String, String>> read(
            String bootstrap, String topic, Duration timeout, Predicate<List<ConsumerRecord<String, String>>> until) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !until.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
