package io.grantflow.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** The largest serialised size, in bytes, of a JSON document a schema accepts. */
final class SchemaSize {
    /** Kafka's default message.max.bytes and the producer's max.request.size. */
    static final long BROKER_LIMIT = 1_048_576;

    private static final int BYTES_PER_CODE_POINT = 4;

    private SchemaSize() {}

    /** Fails naming the JSON path of the first text, list or map without a bound. */
    static long maxBytes(JsonNode schema, String path) {
        if (schema.has("x-max-bytes")) {
            return schema.get("x-max-bytes").asLong();
        }
        if (schema.has("anyOf")) {
            long max = 0;
            for (JsonNode branch : schema.get("anyOf")) {
                max = Math.max(max, maxBytes(branch, path));
            }
            return max;
        }
        if (schema.has("enum")) {
            long max = 4;
            for (JsonNode value : schema.get("enum")) {
                max = Math.max(max, value.toString().getBytes(StandardCharsets.UTF_8).length);
            }
            return max;
        }
        String type = schema.path("type").asText();
        return switch (type) {
            case "null" -> 4;
            case "boolean" -> 5;
            case "integer", "number" -> 32;
            case "string" -> string(schema, path);
            case "array" -> {
                if (!schema.has("maxItems")) {
                    throw new IllegalStateException(path + ": an array without maxItems");
                }
                yield 2 + schema.get("maxItems").asLong() * (1 + maxBytes(schema.path("items"), path + "[]"));
            }
            case "object" -> object(schema, path);
            default -> throw new IllegalStateException(path + ": no type the size check knows: " + schema);
        };
    }

    private static long string(JsonNode schema, String path) {
        String format = schema.path("format").asText();
        if (format.equals("uuid")) {
            return 38;
        }
        if (format.equals("date-time") || format.equals("date")) {
            return 40;
        }
        if (!schema.has("maxLength")) {
            throw new IllegalStateException(path + ": a text without maxLength");
        }
        return 2 + schema.get("maxLength").asLong() * BYTES_PER_CODE_POINT;
    }

    private static long object(JsonNode schema, String path) {
        long total = 2;
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            total += p.getKey().length() + 4 + maxBytes(p.getValue(), path + "." + p.getKey());
        }
        JsonNode extra = schema.get("additionalProperties");
        boolean closed = extra != null && extra.isBoolean() && !extra.asBoolean();
        if (!closed) {
            if (!schema.has("maxProperties") || !schema.path("propertyNames").has("maxLength")) {
                throw new IllegalStateException(path + ": a map without maxProperties and propertyNames.maxLength");
            }
            long value = extra == null || extra.isBoolean() ? anyValue(path) : maxBytes(extra, path + ".*");
            total += schema.get("maxProperties").asLong()
                    * (schema.path("propertyNames").get("maxLength").asLong() * BYTES_PER_CODE_POINT + 4 + value);
        }
        return total;
    }

    private static long anyValue(String path) {
        throw new IllegalStateException(path + ": a map whose values have no schema");
    }
}
