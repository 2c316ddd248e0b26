package io.grantflow.platform.testing;

import io.grantflow.contracts.TopicList;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Gives a Quarkus test its own copy of every contract topic on the real broker, under a fresh
 * prefix, so test runs never read each other's messages. The prefix reaches the service through
 * {@code grantflow.messaging.topic-prefix}.
 */
public class KafkaTopicsResource implements QuarkusTestResourceLifecycleManager {
    private static volatile String prefix;

    public static String bootstrapServers() {
        return System.getProperty("kafka.bootstrap.servers",
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
    }

    /** The prefix of the running test's topics. */
    public static String prefix() {
        return prefix;
    }

    public static String topic(String logical) {
        return prefix + logical;
    }

    @Override
    public Map<String, String> start() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        createTopics(bootstrapServers(), prefix);
        return Map.of("grantflow.messaging.topic-prefix", prefix, "kafka.bootstrap.servers", bootstrapServers());
    }

    /** Creates every topic of {@code topics.txt} under {@code prefix}. */
    public static void createTopics(String bootstrap, String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = TopicList.bundled().entrySet().stream()
                    .map(t -> new NewTopic(prefix + t.getKey(), t.getValue(), (short) 1).configs(TopicList.configOf(t.getKey())))
                    .toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test topics on " + bootstrap
                    + " (is Kafka running? deploy/local/infra-up.sh kafka)", e);
        }
    }

    /** Deletes the topics of a prefix. */
    public static void deleteTopics(String bootstrap, String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(TopicList.bundled().keySet().stream().map(t -> prefix + t).toList())
                    .all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Leftover topics of a test run cost disk only; the next run uses a new prefix.
        }
    }

    @Override
    public void stop() {
        deleteTopics(bootstrapServers(), prefix);
    }
}
