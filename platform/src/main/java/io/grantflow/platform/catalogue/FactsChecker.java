package io.grantflow.platform.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Problems;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.validation.TextRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an application's facts against the JSON Schema its programme publishes: types, ranges,
 * decimals, allowed values, required and unknown facts, and the text rules of the edge. Each
 * problem names its field ({@code facts.<name>}) in Chinese and English.
 */
final class FactsChecker {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().build();

    private final ObjectMapper json;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    FactsChecker(ObjectMapper json) {
        this.json = json;
    }

    void forget(String code) {
        compiled.remove(code);
    }

    List<FieldError> check(ProgrammeDirectory.Programme programme, Map<String, Object> values, String path) {
        List<FieldError> errors = new ArrayList<>();
        values.forEach((name, value) -> text(path + "." + Problems.echo(name), value, errors));
        JsonSchema schema =
                compiled.computeIfAbsent(programme.code(), code -> FACTORY.getSchema(programme.factsSchema(), CONFIG));
        JsonNode node = json.valueToTree(values);
        for (ValidationMessage m : schema.validate(node)) {
            errors.add(error(path, m));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    /** Text values follow the same rules as every other text of a request. */
    private static void text(String field, Object value, List<FieldError> errors) {
        if (value instanceof String s) {
            Bilingual problem = TextRules.problem(s, Bounds.FACT_TEXT, false);
            if (problem != null) {
                errors.add(new FieldError(field, "INVALID_FACT", problem));
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String s) {
                    Bilingual problem = TextRules.problem(s, 100, false);
                    if (problem != null) {
                        errors.add(new FieldError(field + "[" + i + "]", "INVALID_FACT", problem));
                    }
                }
            }
        }
    }

    private static FieldError error(String path, ValidationMessage m) {
        var location = m.getInstanceLocation();
        StringBuilder field = new StringBuilder(path);
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            field.append(
                    element instanceof Integer index ? "[" + index + "]" : "." + Problems.echo(element.toString()));
        }
        return error(path, field.toString(), m);
    }

    private static FieldError error(String path, String field, ValidationMessage m) {
        String property = m.getProperty();
        return switch (m.getType()) {
            case "required" ->
                new FieldError(
                        path + "." + property, ProgrammeDirectory.MISSING_FACT, "缺少该申报要素", "this fact is required");
            case "additionalProperties" ->
                new FieldError(
                        path + "." + Problems.echo(property),
                        "UNKNOWN_FACT",
                        "该项目不要求此申报要素",
                        "not a fact of this programme");
            case "type" -> new FieldError(field, "INVALID_FACT", "类型错误", "wrong type for this fact");
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                new FieldError(field, "OUT_OF_RANGE", "超出允许范围", "out of the allowed range");
            case "multipleOf" -> new FieldError(field, "TOO_PRECISE", "小数位数过多", "too many decimals");
            case "enum" -> new FieldError(field, "NOT_ALLOWED_VALUE", "取值不在允许范围内", "not one of the allowed values");
            case "maxLength", "maxItems" -> new FieldError(field, "TOO_LONG", "过长", "too long");
            case "maxProperties" -> new FieldError(path, "TOO_MANY_FACTS", "申报要素过多", "too many facts");
            default -> new FieldError(field, "INVALID_FACT", "不符合该项目的申报要求", "does not fit this programme's facts");
        };
    }
}
