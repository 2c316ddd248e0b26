package io.grantflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.grantflow.contracts.events.OverrideAllowance;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keeps the published language in one piece: schemas, samples, records, AsyncAPI and topics. */
class ContractsConsistencyTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig STRICT =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private static JsonSchema schemaOf(MessageType type) throws IOException {
        try (InputStream in = MessageType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in)
                    .as("schema %s on the classpath", type.schemaResource())
                    .isNotNull();
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

    /** Every code list a schema spells out is the vocabulary's, so no schema re-lists a code differently. */
    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyCodeListOfASchemaIsTheVocabularys(MessageType type) throws IOException {
        JsonNode schema =
                JSON.readTree(ROOT.resolve("schemas").resolve(type.schemaFile()).toFile());
        Map<String, Set<String>> expected = Map.of(
                "district", Vocabulary.DISTRICT_CODES,
                "department", Vocabulary.DEPARTMENT_CODES,
                "beneficiaryKind", Vocabulary.BENEFICIARY_KIND_CODES);
        Map<String, Set<String>> found = new TreeMap<>();
        enums(schema, "", found);
        found.forEach((path, values) -> {
            String name = path.substring(path.lastIndexOf('.') + 1);
            if (path.endsWith("applicant.kind")) {
                assertThat(values).as(path).containsExactlyElementsOf(Vocabulary.BENEFICIARY_KIND_CODES);
            } else if (path.endsWith("limits.kind")) {
                assertThat(values)
                        .as(path)
                        .containsExactlyElementsOf(
                                Stream.of(LimitKind.values()).map(Enum::name).toList());
            } else if (path.endsWith("overrides.kind")) {
                assertThat(values).as(path).containsExactlyElementsOf(OverrideAllowance.KINDS);
            } else if (expected.containsKey(name)) {
                assertThat(values).as(path).containsExactlyElementsOf(expected.get(name));
            }
        });
    }

    @Test
    void aLimitCountsAwardsAsAnIntegerAndMoneyAsAnAmountNeverTheOtherWay() throws IOException {
        JsonSchema schema = schemaOf(MessageType.RESERVE_FUNDS_V1);
        ObjectNode sample = (ObjectNode) sampleOf(MessageType.RESERVE_FUNDS_V1).deepCopy();
        ObjectNode count = (ObjectNode) sample.path("limits").get(2);
        assertThat(count.path("kind").asText()).isEqualTo("BENEFICIARY_YEAR_COUNT");
        assertThat(schema.validate(sample)).isEmpty();
        count.remove("count");
        count.put("limit", "10.00");
        assertThat(schema.validate(sample)).as("a count given as money").isNotEmpty();
        ObjectNode money = (ObjectNode) sample.path("limits").get(1);
        count.remove("limit");
        count.put("count", 10);
        money.put("count", 3);
        assertThat(schema.validate(sample)).as("an amount limit with a count").isNotEmpty();
        money.remove("count");
        money.put("kind", "PROGRAMME_CAP");
        assertThat(schema.validate(sample)).as("a kind that does not exist").isNotEmpty();
        // the count kinds of the schema's condition are exactly the enum's
        JsonNode items = JSON.readTree(ROOT.resolve("schemas")
                        .resolve(MessageType.RESERVE_FUNDS_V1.schemaFile())
                        .toFile())
                .path("properties")
                .path("limits")
                .path("items");
        Set<String> countKinds = new TreeSet<>();
        items.path("if").path("properties").path("kind").path("enum").forEach(k -> countKinds.add(k.asText()));
        assertThat(countKinds)
                .isEqualTo(Stream.of(LimitKind.values())
                        .filter(k -> k.unit() == LimitKind.Unit.COUNT)
                        .map(Enum::name)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    private static void enums(JsonNode node, String path, Map<String, Set<String>> found) {
        if (node.isObject()) {
            JsonNode properties = node.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                String at = path + "." + p.getKey();
                if (p.getValue().has("enum")) {
                    Set<String> values = new LinkedHashSet<>();
                    p.getValue().path("enum").forEach(v -> values.add(v.asText()));
                    found.put(at, values);
                }
                enums(p.getValue(), at, found);
            }
            JsonNode items = node.path("items");
            if (!items.isMissingNode()) {
                enums(items, path, found);
            }
        }
    }

    @Test
    void aSampleWithAFloatingPointAmountIsRejectedBySchema() throws IOException {
        JsonNode sample = sampleOf(MessageType.FUNDS_RESERVED_V1).deepCopy();
        ((ObjectNode) sample).put("amount", 250000.5);
        assertThat(schemaOf(MessageType.FUNDS_RESERVED_V1).validate(sample))
                .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).contains("amount"));
    }

    @Test
    void theSchemaFolderHoldsExactlyOneSchemaAndOneSamplePerMessageType() throws IOException {
        Set<String> expected = Stream.of(MessageType.values())
                .map(MessageType::schemaFile)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listJson(ROOT.resolve("schemas"))).isEqualTo(expected);
        assertThat(listJson(ROOT.resolve("samples"))).isEqualTo(expected);
    }

    @Test
    void asyncApiNamesExactlyTheTopicsOfTopicsTxtWithTheirPartitions() throws IOException {
        JsonNode asyncApi = new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("asyncapi.yaml").toFile());
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        Map<String, Integer> channels = new TreeMap<>();
        for (Iterator<JsonNode> it = asyncApi.path("channels").elements(); it.hasNext(); ) {
            JsonNode channel = it.next();
            channels.put(
                    channel.path("address").asText(),
                    channel.path("bindings").path("kafka").path("partitions").asInt());
        }
        assertThat(channels).isEqualTo(new TreeMap<>(TopicList.read(ROOT.resolve("topics.txt"))));
    }

    @Test
    void asyncApiDescribesEveryMessageTypeWithItsSchema() throws IOException {
        JsonNode messages = new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("asyncapi.yaml").toFile())
                .path("components")
                .path("messages");
        Map<String, String> described = new LinkedHashMap<>();
        messages.fields()
                .forEachRemaining(e -> described.put(
                        e.getValue().path("name").asText(),
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
                .allSatisfy(dlq ->
                        assertThat(topics).containsKey(dlq.substring(0, dlq.lastIndexOf('.', dlq.length() - 5))));
    }

    @Test
    void asyncApiMarksExactlyTheCompactedTopicsOfTopicsTxt() throws IOException {
        JsonNode asyncApi = new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("asyncapi.yaml").toFile());
        Set<String> compacted = new TreeSet<>();
        for (Iterator<JsonNode> it = asyncApi.path("channels").elements(); it.hasNext(); ) {
            JsonNode channel = it.next();
            JsonNode policy = channel.path("bindings")
                    .path("kafka")
                    .path("topicConfiguration")
                    .path("cleanup.policy");
            if (policy.isArray() && policy.toString().contains("compact")) {
                compacted.add(channel.path("address").asText());
            }
        }
        assertThat(compacted)
                .isEqualTo(TopicList.readCompacted(ROOT.resolve("topics.txt")))
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
        JsonNode schema =
                JSON.readTree(ROOT.resolve("schemas").resolve(type.schemaFile()).toFile());
        long bytes = SchemaSize.maxBytes(schema, "$");
        assertThat(bytes).as("largest %s in bytes", type.schemaFile()).isLessThan(SchemaSize.BROKER_LIMIT / 2);
    }

    @Test
    void aSchemaWithAnUnboundedTextIsCaughtBySizeCheck() {
        JsonNode unbounded = JSON.createObjectNode()
                .put("type", "object")
                .set(
                        "properties",
                        JSON.createObjectNode()
                                .set("reason", JSON.createObjectNode().put("type", "string")));
        Assertions.assertThatThrownBy(() -> SchemaSize.maxBytes(unbounded, "$")).hasMessageContaining("$.reason");
    }

    private static Set<String> listJson(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
