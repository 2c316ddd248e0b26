import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic listed in a topics file (lines "name partitions [compact]", '#' comments), with
 * replication factor 1, leaving existing topics alone. Idempotent; safe to run concurrently.
 *
 * <p>Run with the Java source launcher and the Kafka libs on the class path:
 * {@code java -cp "$LIB/*" deploy/local/CreateTopics.java BOOTSTRAP TOPICS_FILE [PREFIX]}.
 * PREFIX, when given, is prepended to every name (the e2e harness isolates runs that way).
 * Prints one line per topic on stdout; exits 1 on any error, 2 on bad usage.
 */
public class CreateTopics {
    // The broker may have opened its port a moment ago: keep trying this long before giving up.
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: CreateTopics BOOTSTRAP TOPICS_FILE [PREFIX]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String prefix = args.length == 3 ? args[2] : "";
        Set<String> compacted = new HashSet<>();
        Map<String, Integer> wanted = parse(Path.of(args[1]), prefix, compacted);

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "grantflow-create-topics");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");

        Instant giveUp = Instant.now().plus(DEADLINE);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    run(admin, wanted, compacted);
                    return;
                } catch (ExecutionException e) {
                    if (Instant.now().isAfter(giveUp)) {
                        System.err.println("CreateTopics: giving up: " + e.getCause());
                        System.exit(1);
                    }
                    System.err.println("CreateTopics: retrying after " + e.getCause());
                    Thread.sleep(1000);
                }
            }
        }
    }

    private static Map<String, Integer> parse(Path file, String prefix, Set<String> compacted) throws Exception {
        Map<String, Integer> topics = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2 || parts.length > 3 || !parts[1].matches("[1-9][0-9]*")
                    || parts.length == 3 && !parts[2].equals("compact")) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected 'name partitions [compact]': " + raw);
            }
            topics.put(prefix + parts[0], Integer.parseInt(parts[1]));
            if (parts.length == 3) {
                compacted.add(prefix + parts[0]);
            }
        }
        return topics;
    }

    private static void run(Admin admin, Map<String, Integer> wanted, Set<String> compacted) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (Map.Entry<String, Integer> t : wanted.entrySet()) {
            if (!existing.contains(t.getKey())) {
                NewTopic topic = new NewTopic(t.getKey(), t.getValue(), (short) 1);
                missing.add(compacted.contains(t.getKey()) ? topic.configs(Map.of("cleanup.policy", "compact")) : topic);
            }
        }
        Map<String, Throwable> failures = new LinkedHashMap<>();
        if (!missing.isEmpty()) {
            var result = admin.createTopics(missing);
            for (NewTopic t : missing) {
                try {
                    result.values().get(t.name()).get();
                    System.out.printf("created %s (%d partitions)%n", t.name(), t.numPartitions());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        System.out.printf("exists  %s (created concurrently)%n", t.name());
                    } else {
                        failures.put(t.name(), e.getCause());
                    }
                }
            }
        }
        // Existing topics are never altered, but a partition count that differs from the file is
        // worth a warning: keyed ordering assumptions may not hold.
        List<String> present = new ArrayList<>(wanted.keySet());
        present.removeIf(n -> missing.stream().anyMatch(m -> m.name().equals(n)));
        if (!present.isEmpty()) {
            Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get();
            for (String name : present) {
                int actual = described.get(name).partitions().size();
                int expected = wanted.get(name);
                if (actual == expected) {
                    System.out.printf("exists  %s (%d partitions)%n", name, actual);
                } else {
                    System.out.printf("exists  %s (%d partitions; topics file says %d, left alone)%n",
                            name, actual, expected);
                }
            }
        }
        if (!failures.isEmpty()) {
            failures.forEach((name, cause) -> System.err.println("CreateTopics: " + name + ": " + cause));
            System.exit(1);
        }
    }
}
