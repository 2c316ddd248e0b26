package io.grantflow.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What an agency gets from the generated clients: a method named after each operationId, and
 * models that read every example of the documents without a member they do not know (an example
 * the schema does not describe fails here, though the lint lets it pass where extra members are
 * allowed).
 */
class GeneratedClientsTest {
    private static final List<String> SERVICES =
            List.of("applications", "eligibility", "budget", "disbursement", "notifications");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SCHEMAS = "#/components/schemas/";

    @TestFactory
    Stream<DynamicNode> everyOperationIsAMethodOfItsTagsApi() throws IOException {
        List<DynamicNode> services = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode doc = document(service);
            List<DynamicTest> tests = new ArrayList<>();
            forEachOperation(doc, (where, operation) -> {
                String id = operation.path("operationId").asText();
                String api = "io.grantflow.clients." + service + ".api."
                        + className(operation.path("tags").path(0).asText()) + "Api";
                tests.add(DynamicTest.dynamicTest(
                        where + " is " + api + "." + id,
                        () -> assertThat(Arrays.stream(Class.forName(api).getMethods())
                                        .map(Method::getName))
                                .contains(id)));
            });
            assertThat(tests).as("operations of " + service).isNotEmpty();
            services.add(DynamicContainer.dynamicContainer(service, tests));
        }
        return services.stream();
    }

    @TestFactory
    Stream<DynamicNode> everyExampleReadsIntoTheGeneratedModels() throws Exception {
        List<DynamicNode> services = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode doc = document(service);
            ObjectMapper strict = clientMapper(service).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            List<DynamicTest> tests = new ArrayList<>();
            forEachOperation(doc, (where, operation) -> {
                examples(
                        service,
                        where + " request",
                        operation.path("requestBody").path("content"),
                        strict,
                        tests,
                        null);
                operation
                        .path("responses")
                        .fields()
                        .forEachRemaining(r -> examples(
                                service, where + " " + r.getKey(), r.getValue().path("content"), strict, tests, null));
            });
            doc.path("components")
                    .path("responses")
                    .fields()
                    .forEachRemaining(r ->
                            examples(service, r.getKey(), r.getValue().path("content"), strict, tests, r.getKey()));
            assertThat(tests).as("examples of " + service).isNotEmpty();
            services.add(DynamicContainer.dynamicContainer(service, tests));
        }
        return services.stream();
    }

    /** One test per JSON example of {@code content} whose schema the client has a model of. */
    private static void examples(
            String service,
            String where,
            JsonNode content,
            ObjectMapper mapper,
            List<DynamicTest> tests,
            String problem) {
        content.fields().forEachRemaining(media -> {
            if (!media.getKey().contains("json")) {
                // a multipart form (an upload) or a file's bytes: the client takes and gives them as files, no model
                return;
            }
            JavaType type = type(service, media.getValue().path("schema"), mapper);
            if (type == null) {
                return;
            }
            media.getValue()
                    .path("examples")
                    .fields()
                    .forEachRemaining(example -> tests.add(DynamicTest.dynamicTest(
                            where + " " + example.getKey() + " reads as " + type.toCanonical(), () -> {
                                JsonNode value = example.getValue().path("value");
                                Object read = mapper.readValue(mapper.writeValueAsString(value), type);
                                assertThat(read).isNotNull();
                                if (problem != null) {
                                    // a problem's example is one of its own status
                                    assertThat(mapper.readTree(mapper.writeValueAsString(read))
                                                    .path("status")
                                                    .asInt())
                                            .isEqualTo(value.path("status").asInt())
                                            .isBetween(400, 599);
                                }
                            })));
        });
    }

    /** The model class of a {@code $ref} schema, or a list of one; null for a schema without its own model. */
    private static JavaType type(String service, JsonNode schema, ObjectMapper mapper) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            try {
                Class<?> model =
                        Class.forName("io.grantflow.clients." + service + ".model." + ref.substring(SCHEMAS.length()));
                return mapper.getTypeFactory().constructType(model);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("no generated model for " + ref + " of " + service, e);
            }
        }
        if ("array".equals(schema.path("type").asText()) && schema.path("items").has("$ref")) {
            JavaType item = type(service, schema.path("items"), mapper);
            return mapper.getTypeFactory().constructCollectionType(List.class, item);
        }
        return null;
    }

    /** The generated client's own mapper, as it reads answers. */
    private static ObjectMapper clientMapper(String service) throws ReflectiveOperationException {
        return (ObjectMapper) Class.forName("io.grantflow.clients." + service + ".ApiClient")
                .getMethod("createDefaultObjectMapper")
                .invoke(null);
    }

    private interface OperationVisitor {
        void visit(String where, JsonNode operation);
    }

    private static void forEachOperation(JsonNode doc, OperationVisitor visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue()
                    .fields()
                    .forEachRemaining(
                            op -> visitor.visit(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()));
        }
    }

    /** {@code block-grants} is {@code BlockGrants}, as the generator names a tag's API. */
    private static String className(String tag) {
        StringBuilder name = new StringBuilder();
        for (String part : tag.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    private static JsonNode document(String service) throws IOException {
        Path documents = Path.of(System.getProperty("openapi.documents", "../contracts/openapi"));
        Path file = documents.resolve(service + ".yaml");
        assertThat(file).exists();
        return YAML.readTree(Files.readString(file));
    }
}
