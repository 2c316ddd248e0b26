package io.grantflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The conventions of the five OpenAPI documents in contracts/openapi, as agencies read them
 * (ADR 0015): a camelCase operationId unique across the suite, summaries and descriptions in
 * Chinese and English, the problem responses every operation can meet as references to the one
 * Problem schema, examples of every request body and every answer with a body, the local demo's
 * server on the service's own port, and the Keycloak scheme on every operation.
 */
class OpenApiDocumentsTest {
    private static final Pattern OPERATION_ID = Pattern.compile("^[a-z][a-zA-Z0-9]*$");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    private static final Pattern LATIN = Pattern.compile("[A-Za-z]{2,}");
    private static final String RESPONSES = "#/components/responses/";

    /** Operations anyone may call without a token: what is public by law (公示). */
    private static final Set<String> PUBLIC = Set.of("applications GET /announcements");

    /** One operation of one document. */
    private record Op(String service, String where, JsonNode node) {
        boolean isPublic() {
            return PUBLIC.contains(toString());
        }

        @Override
        public String toString() {
            return service + " " + where;
        }
    }

    private static JsonNode document(String service) {
        return Yamls.read(Repo.path("contracts/openapi/" + service + ".yaml"));
    }

    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (String service : Repo.services()) {
            JsonNode doc = document(service);
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                path.getValue()
                        .fields()
                        .forEachRemaining(op -> ops.add(
                                new Op(service, op.getKey().toUpperCase() + " " + path.getKey(), op.getValue())));
            }
        }
        assertThat(ops).isNotEmpty();
        return ops;
    }

    private static boolean bilingual(String text) {
        return text != null
                && CHINESE.matcher(text).find()
                && LATIN.matcher(text).find()
                && text.contains(" / ");
    }

    @Test
    void everyServiceHasItsDocument() {
        assertThat(Repo.services())
                .containsExactlyInAnyOrder("applications", "eligibility", "budget", "disbursement", "notifications");
        for (String service : Repo.services()) {
            assertThat(Repo.path("contracts/openapi/" + service + ".yaml")).exists();
        }
    }

    @Test
    void everyOperationIdIsCamelCaseAndUniqueAcrossTheSuite() {
        Map<String, Op> seen = new HashMap<>();
        for (Op op : operations()) {
            String id = op.node().path("operationId").asText("");
            assertThat(id).as("operationId of %s", op).matches(OPERATION_ID);
            Op before = seen.put(id, op);
            assertThat(before)
                    .as("operationId %s of %s is also %s", id, op, before)
                    .isNull();
        }
    }

    @Test
    void summariesAndDescriptionsAreInChineseAndEnglish() {
        for (Op op : operations()) {
            assertThat(bilingual(op.node().path("summary").asText(null)))
                    .as("summary of %s", op)
                    .isTrue();
            if (op.node().has("description")) {
                assertThat(bilingual(op.node().path("description").asText()))
                        .as("description of %s", op)
                        .isTrue();
            }
            op.node().path("responses").fields().forEachRemaining(r -> {
                if (!r.getValue().has("$ref")) {
                    assertThat(bilingual(r.getValue().path("description").asText(null)))
                            .as("description of %s %s", op, r.getKey())
                            .isTrue();
                }
            });
        }
        for (String service : Repo.services()) {
            JsonNode doc = document(service);
            assertThat(bilingual(doc.path("info").path("description").asText(null)))
                    .as("info of " + service)
                    .isTrue();
            doc.path("components")
                    .path("responses")
                    .fields()
                    .forEachRemaining(r -> assertThat(
                                    bilingual(r.getValue().path("description").asText(null)))
                            .as(service + " " + r.getKey())
                            .isTrue());
            doc.path("tags")
                    .forEach(t -> assertThat(bilingual(t.path("description").asText(null)))
                            .as(service + " tag " + t.path("name").asText())
                            .isTrue());
        }
    }

    @Test
    void eachDocumentSaysWhichServiceItDescribes() {
        Set<String> descriptions = new HashSet<>();
        for (String service : Repo.services()) {
            JsonNode info = document(service).path("info");
            assertThat(info.path("title").asText()).isEqualTo("grantflow " + service);
            assertThat(descriptions.add(info.path("description").asText()))
                    .as("the description of %s is another service's", service)
                    .isTrue();
        }
    }

    @Test
    void everyRefusalIsAProblemDocument() {
        for (Op op : operations()) {
            Set<String> codes = new HashSet<>();
            op.node().path("responses").fields().forEachRemaining(r -> {
                codes.add(r.getKey());
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    assertThat(r.getValue().path("$ref").asText())
                            .as("%s %s", op, r.getKey())
                            .startsWith(RESPONSES);
                }
            });
            assertThat(codes).as("%s answers a success", op).anyMatch(c -> c.startsWith("2"));
            if (op.isPublic()) {
                // no token asked for, none refused: the rate limit still holds
                assertThat(codes).as("%s is public", op).contains("429").doesNotContain("401", "403");
            } else {
                assertThat(codes).as("%s", op).contains("401", "403", "429");
            }
            if (op.node().has("requestBody")) {
                assertThat(codes).as("%s reads a body", op).contains("400", "411", "413", "415");
            }
            if (op.node().has("parameters")) {
                assertThat(codes).as("%s reads parameters", op).contains("400");
            }
        }
        for (String service : Repo.services()) {
            JsonNode components = document(service).path("components");
            JsonNode responses = components.path("responses");
            assertThat(responses.isEmpty()).as(service).isFalse();
            responses.fields().forEachRemaining(r -> {
                JsonNode media = r.getValue().path("content").path("application/problem+json");
                assertThat(media.path("schema").path("$ref").asText())
                        .as(service + " " + r.getKey())
                        .isEqualTo("#/components/schemas/Problem");
                assertThat(media.path("examples").isEmpty())
                        .as(service + " " + r.getKey() + " shows an example")
                        .isFalse();
                media.path("examples")
                        .forEach(e -> assertThat(e.path("value").path("type").asText())
                                .as(service + " " + r.getKey())
                                .startsWith("urn:grantflow:problem:"));
            });
            JsonNode problem = components.path("schemas").path("Problem");
            assertThat(problem.path("properties").has("errors")).as(service).isTrue();
            assertThat(components.path("schemas").path("FieldError").path("required"))
                    .as(service)
                    .isNotEmpty();
        }
    }

    @Test
    void everyBodyAndEveryAnswerWithABodyHasAnExample() {
        for (Op op : operations()) {
            op.node()
                    .path("requestBody")
                    .path("content")
                    .fields()
                    .forEachRemaining(
                            m -> assertThat(m.getValue().path("examples").isEmpty())
                                    .as("request example of %s", op)
                                    .isFalse());
            op.node().path("responses").fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("2")) {
                    r.getValue()
                            .path("content")
                            .fields()
                            .forEachRemaining(m -> assertThat(
                                            m.getValue().path("examples").isEmpty())
                                    .as("%s example of %s", r.getKey(), op)
                                    .isFalse());
                }
            });
        }
    }

    @Test
    void theServerIsTheLocalDemoOnTheServicesPort() {
        Map<String, Integer> ports = Repo.servicePorts();
        for (String service : Repo.services()) {
            JsonNode servers = document(service).path("servers");
            assertThat(servers.size()).as(service).isEqualTo(1);
            assertThat(servers.path(0).path("url").asText()).isEqualTo("http://127.0.0.1:" + ports.get(service));
            assertThat(bilingual(servers.path(0).path("description").asText(null)))
                    .as(service)
                    .isTrue();
        }
    }

    @Test
    void everyOperationNeedsAKeycloakToken() {
        for (String service : Repo.services()) {
            JsonNode scheme =
                    document(service).path("components").path("securitySchemes").path("keycloak");
            assertThat(scheme.path("type").asText()).as(service).isEqualTo("openIdConnect");
            assertThat(scheme.path("openIdConnectUrl").asText())
                    .as(service)
                    .endsWith("/realms/grantflow/.well-known/openid-configuration");
            assertThat(scheme.path("description").asText()).as(service).contains(service + "-service");
        }
        for (Op op : operations()) {
            if (op.isPublic()) {
                // public on purpose, and said so: an empty security requirement, not a forgotten one
                assertThat(op.node().has("security"))
                        .as("%s says it is public", op)
                        .isTrue();
                assertThat(op.node().path("security").isEmpty())
                        .as("%s has no roles", op)
                        .isTrue();
                continue;
            }
            assertThat(op.node().path("security").path(0).path("keycloak").isEmpty())
                    .as("roles of %s", op)
                    .isFalse();
        }
        assertThat(operations().stream().filter(Op::isPublic).count())
                .as("the public operations are all still there")
                .isEqualTo(PUBLIC.size());
    }
}
