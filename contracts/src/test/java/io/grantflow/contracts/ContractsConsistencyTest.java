package io.grantflow.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the published language in one piece: schemas, samples, records, AsyncAPI and topics. */
class ContractsConsistencyTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig STRICT = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private static JsonSchema schemaOf(MessageType type) throws IOException {
        try (InputStream in = MessageType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema %s on the classpath", type.schemaResource()).isNotNull();
            return SCHEMAS.getSchema(in, STRICT);
        }
    }

    private static JsonNode sampleOf(MessageType type) throws IOException {
        return JSON.readTree(ROOT.resolve("samples").resolve(type.schemaFile()).toFile());
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyGoldenSampleIsValidAgainstItsSchema(MessageType type) throws IOException {
        Set<ValidationMessage> errors = schemaOf(type).validate(sampleOf(type));
        assertThat(errors).as("sample %s", type.schemaFile()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everySampleReadsIntoItsRecordAndWritesBackUnchanged(MessageType type) throws IOException {
        JsonNode sample = sampleOf(type);
        Record record = JSON.treeToValue(sample, type.recordType());
        JsonNode written = JSON.valueToTree(record);
        assertThat(written).isEqualTo(sample);
        assertThat(schemaOf(type).validate(written)).isEmpty();
    }

    @Test
    void aSampleWithAFloatingPointAmountIsRejectedBySchema() throws IOException {
        JsonNode sample = sampleOf(MessageType.FUNDS_RESERVED_V1).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample).put("amount", 250000.5);
        assertThat(schemaOf(MessageType.FUNDS_RESERVED_V1).validate(sample))
                .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).contains("amount"));
    }

    @Test
    void theSchemaFolderHoldsExactlyOneSchemaAndOneSamplePerMessageType() throws IOException {
        Set<String> expected = Stream.of(MessageType.values()).map(MessageType::schemaFile)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listJson(ROOT.resolve("schemas"))).isEqualTo(expected);
        assertThat(listJson(ROOT.resolve("samples"))).isEqualTo(expected);
    }

    @Test
    void asyncApiNamesExactlyTheTopicsOfTopicsTxtWithTheirPartitions() throws IOException {
        JsonNode asyncApi = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("asyncapi.yaml").toFile());
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        Map<String, Integer> channels = new TreeMap<>();
        for (Iterator<JsonNode> it = asyncApi.path("channels").elements(); it.hasNext(); ) {
            JsonNode channel = it.next();
            channels.put(channel.path("address").asText(),
                    channel.path("bindings").path("kafka").path("partitions").asInt());
        }
        assertThat(channels).isEqualTo(new TreeMap<>(TopicList.read(ROOT.resolve("topics.txt"))));
    }

    @Test
    void asyncApiDescribesEveryMessageTypeWithItsSchema() throws IOException {
        JsonNode messages = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("asyncapi.yaml").toFile())
                .path("components").path("messages");
        Map<String, String> described = new LinkedHashMap<>();
        messages.fields().forEachRemaining(e -> described.put(e.getValue().path("name").asText(),
                e.getValue().path("payload").path("$ref").asText()));
        for (MessageType type : MessageType.values()) {
            assertThat(described).containsEntry(type.ceType(), "./schemas/" + type.schemaFile());
        }
        assertThat(described).hasSize(MessageType.values().length);
    }

    @Test
    void everyMessageTravelsOnATopicOfTheList() throws IOException {
        Map<String, Integer> topics = TopicList.read(ROOT.resolve("topics.txt"));
        for (MessageType type : MessageType.values()) {
            assertThat(topics).containsKey(type.topic());
        }
        assertThat(topics.keySet().stream().filter(t -> t.endsWith(".dlq")))
                .allSatisfy(dlq -> assertThat(topics).containsKey(dlq.substring(0, dlq.lastIndexOf('.', dlq.length() - 5))));
    }

    @Test
    void asyncApiMarksExactlyTheCompactedTopicsOfTopicsTxt() throws IOException {
        JsonNode asyncApi = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("asyncapi.yaml").toFile());
        Set<String> compacted = new TreeSet<>();
        for (Iterator<JsonNode> it = asyncApi.path("channels").elements(); it.hasNext(); ) {
            JsonNode channel = it.next();
            JsonNode policy = channel.path("bindings").path("kafka").path("topicConfiguration").path("cleanup.policy");
            if (policy.isArray() && policy.toString().contains("compact")) {
                compacted.add(channel.path("address").asText());
            }
        }
        assertThat(compacted).isEqualTo(TopicList.readCompacted(ROOT.resolve("topics.txt")))
                .isEqualTo(TopicList.bundledCompacted());
    }

    /**
     * Every text, list and map of every message has a bound, and the largest message a schema
     * allows fits the broker's limit with room to spare: no accepted request can produce an event
     * the broker refuses (a text of n code points is at most 4n bytes in UTF-8, escapes included,
     * since control characters are refused at the edge).
     */
    @ParameterizedTest
    @EnumSource(MessageType.class)
    void theLargestMessageEverySchemaAllowsFitsTheBrokersLimit(MessageType type) throws IOException {
        JsonNode schema = JSON.readTree(ROOT.resolve("schemas").resolve(type.schemaFile()).toFile());
        long bytes = SchemaSize.maxBytes(schema, "$");
        assertThat(bytes).as("largest %s in bytes", type.schemaFile()).isLessThan(SchemaSize.BROKER_LIMIT / 2);
    }

    @Test
    void aSchemaWithAnUnboundedTextIsCaughtBySizeCheck() {
        JsonNode unbounded = JSON.createObjectNode().put("type", "object").set("properties",
                JSON.createObjectNode().set("reason", JSON.createObjectNode().put("type", "string")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SchemaSize.maxBytes(unbounded, "$"))
                .hasMessageContaining("$.reason");
    }

    private static Set<String> listJson(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
