package io.grantflow.eligibility.application;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.grantflow.eligibility.domain.catalogue.Award;
import io.grantflow.eligibility.domain.catalogue.Condition;
import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.FactDef;
import io.grantflow.eligibility.domain.catalogue.Limit;
import io.grantflow.eligibility.domain.catalogue.Parameter;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.domain.catalogue.Text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the catalogue (CATALOGUE.md) from the classpath: {@code catalogue/policy.yaml} and the
 * programme files named in {@code catalogue/programmes.list}. A malformed file stops the service
 * at start-up with the file and the field named, rather than evaluating with a wrong rule.
 */
public final class CatalogueLoader {
    public static final String ROOT = "catalogue/";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final ObjectMapper plain = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public static Policy loadFromClasspath() {
        return new CatalogueLoader().load();
    }

    public Policy load() {
        JsonNode policy = read(ROOT + "policy.yaml");
        Map<String, ProgrammeDef> programmes = new TreeMap<>();
        for (String file : programmeFiles()) {
            ProgrammeDef p = programme(read(ROOT + "programmes/" + file), file);
            programmes.put(p.code(), p);
        }
        JsonNode validity = policy.path("validity");
        return new Policy(text(policy, "id"), text(policy, "version"), bilingual(policy.path("title")),
                LocalDate.parse(validity.path("from").asText()), LocalDate.parse(validity.path("to").asText()),
                validity.path("reference").asText(), bilingualMap(policy.path("departments")),
                bilingualMap(policy.path("districts")), parameters(policy.path("parameters")), programmes);
    }

    /** The programme files, one a line, from {@code catalogue/programmes.list}. */
    public static List<String> programmeFiles() {
        List<String> files = new ArrayList<>();
        try (InputStream in = resource(ROOT + "programmes.list");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    files.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private JsonNode read(String path) {
        try (InputStream in = resource(path)) {
            return yaml.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read catalogue file " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            in = CatalogueLoader.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalStateException("catalogue file " + path + " is not on the classpath");
        }
        return in;
    }

    private ProgrammeDef programme(JsonNode node, String file) {
        try {
            List<FactDef> facts = new ArrayList<>();
            for (JsonNode f : node.path("facts")) {
                List<String> values = new ArrayList<>();
                f.path("values").forEach(v -> values.add(v.asText()));
                facts.add(new FactDef(text(f, "name"), FactDef.FactType.valueOf(text(f, "type").toUpperCase()),
                        !f.has("required") || f.path("required").asBoolean(),
                        f.has("required_when") ? condition(f.path("required_when")) : null, bilingual(f.path("description")),
                        values.isEmpty() ? null : List.copyOf(values)));
            }
            List<Condition> conditions = new ArrayList<>();
            for (JsonNode c : node.path("conditions")) {
                conditions.add(condition(c));
            }
            List<Limit> limits = new ArrayList<>();
            for (JsonNode l : node.path("limits")) {
                limits.add(limit(l));
            }
            JsonNode staging = node.path("staging");
            return new ProgrammeDef(text(node, "code"), node.path("section").asInt(), bilingual(node.path("name")),
                    strings(node.path("departments")), !node.has("administered") || node.path("administered").asBoolean(),
                    strings(node.path("beneficiary_kinds")), strings(node.path("flags")), node.path("reference").asText(),
                    List.copyOf(facts), List.copyOf(conditions), award(node.path("award")), List.copyOf(limits),
                    staging.isMissingNode() || staging.isNull() ? null : staging.path("plan").asText(null),
                    parameters(node.path("parameters")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("catalogue file programmes/" + file + ": " + e.getMessage(), e);
        }
    }

    private Condition condition(JsonNode c) {
        return new Condition(text(c, "fact"), text(c, "op"), value(c.path("value")));
    }

    private Award award(JsonNode a) {
        if (a.isMissingNode() || a.isNull()) {
            return new Award.None();
        }
        String cap = a.path("cap").asText(null);
        return switch (text(a, "kind")) {
            case "rate" -> new Award.Rate(text(a, "base"), text(a, "rate"), cap);
            case "fixed" -> new Award.Fixed(text(a, "amount"), cap);
            case "tiers" -> new Award.Tiers(text(a, "by"), text(a, "table"), cap);
            case "brackets" -> new Award.Brackets(text(a, "base"), text(a, "table"), a.path("uplift").asText(null),
                    strings(a.path("uplift_if_any")), cap);
            case "none" -> new Award.None();
            case "sum" -> {
                List<Award.Part> parts = new ArrayList<>();
                for (JsonNode p : a.path("parts")) {
                    parts.add(new Award.Part(award(p), p.path("when_first").asBoolean(false),
                            p.path("once_per_year").asBoolean(false), p.path("once_ever").asBoolean(false),
                            p.has("condition") ? condition(p.path("condition")) : null, p.path("per").asText(null)));
                }
                yield new Award.Sum(List.copyOf(parts), cap);
            }
            default -> throw new IllegalStateException("unknown award kind " + a.path("kind").asText());
        };
    }

    private Limit limit(JsonNode l) {
        return switch (text(l, "kind")) {
            case "once" -> new Limit.Once(strings(l.path("per")));
            case "annual_cap" -> new Limit.AnnualCap(text(l, "amount"));
            case "cumulative_cap" -> new Limit.CumulativeCap(text(l, "per"), text(l, "amount"));
            case "combined_cap" -> new Limit.CombinedCap(text(l, "amount"));
            case "exclusive_group" -> new Limit.ExclusiveGroup(text(l, "group"), text(l, "per"));
            case "annual_count" -> new Limit.AnnualCount(text(l, "max"));
            case "distinct" -> new Limit.Distinct(text(l, "per"), l.path("scope").asText("year"));
            default -> throw new IllegalStateException("unknown limit kind " + l.path("kind").asText());
        };
    }

    private Map<String, Parameter> parameters(JsonNode node) {
        Map<String, Parameter> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            List<DatedValue> values = new ArrayList<>();
            for (JsonNode v : e.getValue().path("values")) {
                values.add(new DatedValue(LocalDate.parse(v.path("from").asText()), value(v.path("value")),
                        v.path("reference").asText(), v.path("default").asBoolean(false)));
            }
            result.put(e.getKey(), new Parameter(e.getKey(), e.getValue().path("unit").asText(), List.copyOf(values)));
        });
        return Map.copyOf(result);
    }

    /** Plain Java values: strings, booleans, BigDecimals, lists and maps of them. */
    private Object value(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return plain.convertValue(node, Object.class);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            throw new IllegalStateException("missing field " + field);
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        node.forEach(v -> result.add(v.asText()));
        return List.copyOf(result);
    }

    private static Text bilingual(JsonNode node) {
        return new Text(node.path("zh").asText(""), node.path("en").asText(""));
    }

    private static Map<String, Text> bilingualMap(JsonNode node) {
        Map<String, Text> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> result.put(e.getKey(), bilingual(e.getValue())));
        return Map.copyOf(result);
    }
}
