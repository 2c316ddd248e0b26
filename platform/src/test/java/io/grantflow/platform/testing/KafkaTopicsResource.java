package io.grantflow.platform.testing;

import io.grantflow.contracts.TopicList;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Gives a Quarkus test its own copy of every contract topic on the real broker, under a fresh
 * prefix, so test runs never read each other's messages. The prefix reaches the service through
 * {@code grantflow.messaging.topic-prefix}. A module's tests may need topics of their own before
 * the application starts (a consumer subscribes at start): they list them in a
 * {@value #TEST_TOPICS} of their test resources, in the format of {@code topics.txt}.
 */
public class KafkaTopicsResource implements QuarkusTestResourceLifecycleManager {
    /** The classpath resource naming a module's own test topics. */
    public static final String TEST_TOPICS = "test-topics.txt";

    private static volatile String prefix;

    public static String bootstrapServers() {
        return System.getProperty(
                "kafka.bootstrap.servers", System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
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

    /** Creates every topic of {@code topics.txt}, and of the module's {@value #TEST_TOPICS}, under {@code prefix}. */
    public static void createTopics(String bootstrap, String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>(TopicList.bundled().entrySet().stream()
                    .map(t -> new NewTopic(prefix + t.getKey(), t.getValue(), (short) 1)
                            .configs(TopicList.configOf(t.getKey())))
                    .toList());
            testTopics().forEach((name, partitions) -> topics.add(new NewTopic(prefix + name, partitions, (short) 1)));
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot create test topics on " + bootstrap + " (is Kafka running? deploy/local/infra-up.sh kafka)",
                    e);
        }
    }

    /** The module's own test topics (name → partitions); none without a {@value #TEST_TOPICS}. */
    public static Map<String, Integer> testTopics() {
        try (InputStream list = Thread.currentThread().getContextClassLoader().getResourceAsStream(TEST_TOPICS)) {
            return list == null ? Map.of() : TopicList.read(list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEST_TOPICS, e);
        }
    }

    /** Deletes the topics of a prefix. */
    public static void deleteTopics(String bootstrap, String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = new ArrayList<>(TopicList.bundled().keySet());
            topics.addAll(testTopics().keySet());
            admin.deleteTopics(topics.stream().map(t -> prefix + t).toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Leftover topics of a test run cost disk only; the next run uses a new prefix.
        }
    }

    @Override
    public void stop() {
        deleteTopics(bootstrapServers(), prefix);
    }
}
