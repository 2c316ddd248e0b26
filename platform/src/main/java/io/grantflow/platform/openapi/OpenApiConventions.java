package io.grantflow.platform.openapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.grantflow.platform.messaging.ParkedOutboxResource;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.servers.Server;

/**
 * The conventions of every service's OpenAPI document, kept once here and applied when the
 * service is built (ADR 0015):
 * <ul>
 *   <li>every operation has an explicit {@code operationId}; the platform's own operations,
 *       present in every service, get the service's name in theirs, so that ids are unique
 *       across the suite;</li>
 *   <li>every refusal is a {@code $ref} to one of {@link ProblemResponses}, answered as
 *       {@code application/problem+json} with the one {@code Problem} schema; those every
 *       operation can meet are added here (401, 403 where a role is needed, 429 always; 400 where
 *       a parameter or a body is read; 411, 413, 415 where a body is), the others are named by
 *       the resource ({@code @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)});</li>
 *   <li>the service's examples ({@value #EXAMPLES}: request bodies and responses by
 *       operationId, and the problems only the service can illustrate) are merged in; an example
 *       of an operation or response that does not exist fails the build, so none goes stale
 *       unnoticed;</li>
 *   <li>the service's address in the local demo ({@value #DEMO_SERVER}) is the document's server, and a
 *       server on the loopback address is described as the local demo.</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiConventions implements OASFilter {
    static final String EXAMPLES = "openapi/examples.yaml";
    /** The service's address in the local demo (deploy/local/start.sh), listed as the document's server. */
    static final String DEMO_SERVER = "grantflow.openapi.demo-server";
    /** The platform's operations that every service serves. */
    static final Set<String> SHARED_OPERATIONS =
            Set.of(ParkedOutboxResource.LIST_OPERATION, ParkedOutboxResource.RETRY_OPERATION);

    private static final Set<ProblemResponses> EVERY_OPERATION = EnumSet.of(ProblemResponses.TOO_MANY_REQUESTS);
    private static final Set<ProblemResponses> WITH_ROLES =
            EnumSet.of(ProblemResponses.UNAUTHORIZED, ProblemResponses.FORBIDDEN);
    private static final Set<ProblemResponses> WITH_INPUT = EnumSet.of(ProblemResponses.BAD_REQUEST);
    private static final Set<ProblemResponses> WITH_BODY = EnumSet.of(
            ProblemResponses.BAD_REQUEST,
            ProblemResponses.LENGTH_REQUIRED,
            ProblemResponses.PAYLOAD_TOO_LARGE,
            ProblemResponses.UNSUPPORTED_MEDIA_TYPE);
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        // a server of its own: mp.openapi.servers would be added after this filter, without a description
        config.getOptionalValue(DEMO_SERVER, String.class).ifPresent(url -> {
            if (openAPI.getServers() == null || openAPI.getServers().stream().noneMatch(s -> url.equals(s.getUrl()))) {
                openAPI.addServer(OASFactory.createServer().url(url));
            }
        });
        apply(
                openAPI,
                config.getOptionalValue("quarkus.application.name", String.class)
                        .orElse(null),
                readExamples());
    }

    /** The conventions on {@code openAPI}, for the service named {@code service}, with its examples. */
    static void apply(OpenAPI openAPI, String service, Map<String, Object> examples) {
        Map<String, Object> operationExamples = section(examples, "operations");
        Map<String, Object> problemExamples = section(examples, "problems");
        Map<String, Operation> byId = new LinkedHashMap<>();
        Map<ProblemResponses, List<String>> used = new EnumMap<>(ProblemResponses.class);
        if (openAPI.getPaths() != null) {
            for (Map.Entry<String, PathItem> path :
                    new TreeMap<>(openAPI.getPaths().getPathItems()).entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                        path.getValue().getOperations().entrySet()) {
                    Operation operation = entry.getValue();
                    String where = entry.getKey() + " " + path.getKey();
                    if (operation.getSecurity() == null) {
                        // an operation without roles is public on purpose (@PermitAll): say so, security: []
                        operation.setSecurity(new ArrayList<>());
                    }
                    String id = operationId(operation, service, where);
                    if (byId.put(id, operation) != null) {
                        throw new IllegalStateException("operationId " + id + " twice: " + where);
                    }
                    problems(operation, where)
                            .forEach(p -> used.computeIfAbsent(p, k -> new ArrayList<>())
                                    .add(path.getKey()));
                }
            }
        }
        operationExamples.forEach((id, given) -> {
            Operation operation = byId.get(id);
            if (operation == null) {
                throw new IllegalStateException(EXAMPLES + ": no operation " + id);
            }
            examples(operation, id, map(given, id));
        });
        problemExamples.keySet().forEach(name -> {
            ProblemResponses problem = ProblemResponses.ofRef(name)
                    .orElseThrow(() -> new IllegalStateException(EXAMPLES + ": no problem response " + name));
            if (!used.containsKey(problem)) {
                throw new IllegalStateException(EXAMPLES + ": no operation answers " + name);
            }
        });
        if (!used.isEmpty()) {
            components(openAPI, used, problemExamples);
        }
        if (openAPI.getServers() != null) {
            openAPI.getServers().forEach(OpenApiConventions::describe);
        }
    }

    private static String operationId(Operation operation, String service, String where) {
        String id = operation.getOperationId();
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("每个接口须有明确的 operationId / every operation needs an explicit "
                    + "operationId (@Operation(operationId = ...)): " + where);
        }
        if (service != null && SHARED_OPERATIONS.contains(id)) {
            id = scoped(id, service);
            operation.setOperationId(id);
        }
        return id;
    }

    /** {@code listParkedMessages} of the budget service is {@code listBudgetParkedMessages}. */
    static String scoped(String id, String service) {
        int verb = 0;
        while (verb < id.length() && Character.isLowerCase(id.charAt(verb))) {
            verb++;
        }
        StringBuilder name = new StringBuilder();
        for (String part : service.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.substring(0, verb) + name + id.substring(verb);
    }

    /** Puts the problem responses in place on {@code operation} and returns those it answers. */
    private static Set<ProblemResponses> problems(Operation operation, String where) {
        Set<ProblemResponses> answered = EnumSet.noneOf(ProblemResponses.class);
        Map<String, APIResponse> responses = new LinkedHashMap<>();
        if (operation.getResponses() != null) {
            for (Map.Entry<String, APIResponse> r :
                    operation.getResponses().getAPIResponses().entrySet()) {
                String ref = r.getValue().getRef();
                if (ref != null) {
                    ProblemResponses problem = ProblemResponses.ofRef(ref)
                            .orElseThrow(() -> new IllegalStateException("unknown response " + ref + ": " + where));
                    if (!problem.status().equals(r.getKey())) {
                        throw new IllegalStateException(r.getKey() + " refers to " + ref + ": " + where);
                    }
                    answered.add(problem);
                } else if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    if (r.getValue().getContent() != null) {
                        throw new IllegalStateException("a refusal is a ref to ProblemResponses, not its own response "
                                + r.getKey() + ": " + where);
                    }
                    // the framework's own placeholders without a body ("Not Authorized", "Bad Request"): replaced below
                    continue;
                }
                responses.put(r.getKey(), r.getValue());
            }
        }
        answered.addAll(EVERY_OPERATION);
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            answered.addAll(WITH_ROLES);
        }
        if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            answered.addAll(WITH_INPUT);
        }
        if (operation.getRequestBody() != null) {
            answered.addAll(WITH_BODY);
        }
        for (ProblemResponses problem : answered) {
            responses.putIfAbsent(
                    problem.status(), OASFactory.createAPIResponse().ref(problem.ref()));
        }
        APIResponses sorted = OASFactory.createAPIResponses();
        responses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(r -> sorted.addAPIResponse(r.getKey(), r.getValue()));
        operation.setResponses(sorted);
        return answered;
    }

    private static void examples(Operation operation, String id, Map<String, Object> given) {
        for (String key : given.keySet()) {
            if (!key.equals("request") && !key.equals("responses")) {
                throw new IllegalStateException(EXAMPLES + ": " + id + "." + key + " (request or responses)");
            }
        }
        if (given.containsKey("request")) {
            if (operation.getRequestBody() == null) {
                throw new IllegalStateException(EXAMPLES + ": " + id + " takes no request body");
            }
            into(
                    operation.getRequestBody().getContent(),
                    named(map(given.get("request"), id + ".request"), id + ".request"),
                    id + ".request");
        }
        map(given.getOrDefault("responses", Map.of()), id + ".responses").forEach((status, value) -> {
            APIResponse response = operation.getResponses().getAPIResponse(status);
            if (response == null || response.getRef() != null) {
                throw new IllegalStateException(EXAMPLES + ": " + id + " has no response " + status + " of its own");
            }
            into(response.getContent(), named(map(value, id + "." + status), id + "." + status), id + "." + status);
        });
    }

    private static void into(Content content, Map<String, Example> examples, String where) {
        if (content == null
                || content.getMediaTypes() == null
                || content.getMediaTypes().isEmpty()) {
            throw new IllegalStateException(EXAMPLES + ": " + where + " has no content to show an example of");
        }
        for (Map.Entry<String, MediaType> media : content.getMediaTypes().entrySet()) {
            if (!media.getKey().contains("json")
                    && media.getValue().getExamples() != null
                    && !media.getValue().getExamples().isEmpty()) {
                // a body of another format (text/csv) shows the example written beside it in its annotation:
                // the file's JSON examples would not be one of it
                continue;
            }
            media.getValue().setExamples(new LinkedHashMap<>(examples));
        }
    }

    private static void components(
            OpenAPI openAPI, Map<ProblemResponses, List<String>> used, Map<String, Object> problemExamples) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        Map<String, Schema> schemas =
                new TreeMap<>(components.getSchemas() == null ? Map.of() : components.getSchemas());
        schemas.put(ProblemResponses.PROBLEM_SCHEMA, ProblemResponses.problemSchema());
        schemas.put(ProblemResponses.FIELD_ERROR_SCHEMA, ProblemResponses.fieldErrorSchema());
        components.setSchemas(new LinkedHashMap<>(schemas));
        Map<String, APIResponse> responses =
                new TreeMap<>(components.getResponses() == null ? Map.of() : components.getResponses());
        used.forEach((problem, paths) -> {
            Object given = problemExamples.get(problem.component());
            Map<String, Example> examples = given == null
                    ? null
                    : named(map(given, "problems." + problem.component()), "problems." + problem.component());
            // the platform's own example shows the instance of a real request: a path without a template if there is
            // one
            String instance =
                    paths.stream().filter(p -> !p.contains("{")).findFirst().orElse(paths.get(0));
            responses.put(problem.component(), problem.response(examples, instance));
        });
        components.setResponses(new LinkedHashMap<>(responses));
    }

    private static void describe(Server server) {
        if (server.getDescription() != null || server.getUrl() == null) {
            return;
        }
        String host = URI.create(server.getUrl()).getHost();
        if ("127.0.0.1".equals(host) || "localhost".equals(host)) {
            server.setDescription("本地演示环境（deploy/local/start.sh） / the local demo (deploy/local/start.sh)");
        }
    }

    /** Named examples: {@code name: {summary, description, value}}. */
    private static Map<String, Example> named(Map<String, Object> given, String where) {
        Map<String, Example> examples = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            Map<String, Object> fields = map(value, where + "." + name);
            if (!fields.containsKey("value") || !fields.containsKey("summary")) {
                throw new IllegalStateException(EXAMPLES + ": " + where + "." + name + " needs a summary and a value");
            }
            examples.put(
                    name,
                    OASFactory.createExample()
                            .summary((String) fields.get("summary"))
                            .description((String) fields.get("description"))
                            .value(fields.get("value")));
        });
        return examples;
    }

    @SuppressWarnings("unchecked") // a YAML mapping is read as a map of strings to values
    private static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException(EXAMPLES + ": " + where + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> section(Map<String, Object> examples, String name) {
        for (String key : examples.keySet()) {
            if (!key.equals("operations") && !key.equals("problems")) {
                throw new IllegalStateException(EXAMPLES + ": unknown section " + key + " (operations or problems)");
            }
        }
        return examples.containsKey(name) ? map(examples.get(name), name) : Map.of();
    }

    private static Map<String, Object> readExamples() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in =
                (loader == null ? OpenApiConventions.class.getClassLoader() : loader).getResourceAsStream(EXAMPLES)) {
            return in == null ? Map.of() : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(EXAMPLES, e);
        }
    }

    static Map<String, Object> read(InputStream yaml) throws IOException {
        Map<String, Object> read = YAML.readValue(yaml, new TypeReference<LinkedHashMap<String, Object>>() {});
        return read == null ? Map.of() : read;
    }
}
