package io.grantflow.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** YAML parsing for compose files and rendered Kubernetes manifests. */
final class Yamls {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yamls() {}

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** Every non-empty document of a multi-document stream (helm template output). */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(yaml)) {
            for (JsonNode node : MAPPER.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
                    documents.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse rendered manifests", e);
        }
        return documents;
    }

    /** A YAML mapping of scalars as a Java map (text values). */
    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields()
                    .forEachRemaining(e -> map.put(
                            e.getKey(),
                            e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return map;
    }

    /** Kubernetes objects of a rendering. */
    record Resource(String kind, String name, JsonNode node) {
        String component() {
            return node.path("metadata")
                    .path("labels")
                    .path("app.kubernetes.io/component")
                    .asText(null);
        }

        Optional<String> annotation(String key) {
            JsonNode value = node.path("metadata").path("annotations").get(key);
            return value == null ? Optional.empty() : Optional.of(value.asText());
        }
    }

    static List<Resource> resources(String rendered) {
        List<Resource> resources = new ArrayList<>();
        for (JsonNode doc : documents(rendered)) {
            resources.add(new Resource(
                    doc.path("kind").asText(), doc.path("metadata").path("name").asText(), doc));
        }
        return resources;
    }
}
