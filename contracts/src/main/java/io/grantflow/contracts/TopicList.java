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

/** Reads {@code topics.txt}: one topic a line, name and partition count, {@code #} comments. */
public final class TopicList {
    private TopicList() {
    }

    /** The list shipped inside the contracts jar. */
    public static Map<String, Integer> bundled() {
        try (InputStream in = TopicList.class.getClassLoader().getResourceAsStream("grantflow/contracts/topics.txt")) {
            if (in == null) {
                throw new IllegalStateException("grantflow/contracts/topics.txt is not on the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Integer> read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return parse(reader);
        }
    }

    private static Map<String, Integer> parse(BufferedReader reader) throws IOException {
        Map<String, Integer> topics = new LinkedHashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            topics.put(parts[0], Integer.parseInt(parts[1]));
        }
        return topics;
    }
}
