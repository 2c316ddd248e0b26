package io.grantflow.contracts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code topics.txt}: one topic a line, name and partition count, optionally
 * {@code compact} for a compacted topic; {@code #} comments.
 */
public final class TopicList {
    /** The third column that marks a compacted topic. */
    public static final String COMPACT = "compact";

    private TopicList() {}

    /** The list shipped inside the contracts jar: name → partitions. */
    public static Map<String, Integer> bundled() {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        readBundled(partitions, new TreeSet<>());
        return partitions;
    }

    /** The compacted topics of the list shipped inside the contracts jar. */
    public static Set<String> bundledCompacted() {
        Set<String> compacted = new TreeSet<>();
        readBundled(new LinkedHashMap<>(), compacted);
        return compacted;
    }

    /** The topic settings a topic of the bundled list is created with (cleanup policy). */
    public static Map<String, String> configOf(String topic) {
        return bundledCompacted().contains(topic) ? Map.of("cleanup.policy", "compact") : Map.of();
    }

    public static Map<String, Integer> read(Path file) throws IOException {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            parse(reader, partitions, new TreeSet<>());
        }
        return partitions;
    }

    /** A list in this format from a stream (a classpath resource, say), read in UTF-8. */
    public static Map<String, Integer> read(InputStream in) throws IOException {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), partitions, new TreeSet<>());
        return partitions;
    }

    public static Set<String> readCompacted(Path file) throws IOException {
        Set<String> compacted = new TreeSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            parse(reader, new LinkedHashMap<>(), compacted);
        }
        return compacted;
    }

    private static void readBundled(Map<String, Integer> partitions, Set<String> compacted) {
        try (InputStream in = TopicList.class.getClassLoader().getResourceAsStream("grantflow/contracts/topics.txt")) {
            if (in == null) {
                throw new IllegalStateException("grantflow/contracts/topics.txt is not on the classpath");
            }
            parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), partitions, compacted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void parse(BufferedReader reader, Map<String, Integer> partitions, Set<String> compacted)
            throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            partitions.put(parts[0], Integer.parseInt(parts[1]));
            if (parts.length > 2 && COMPACT.equals(parts[2])) {
                compacted.add(parts[0]);
            }
        }
    }
}
