package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (2020-12) of the facts of an application for one programme, as the catalogue
 * defines them: types, allowed values, and the bounds every fact of its type keeps (amounts to
 * the fen and below 10^13 yuan, decimals to four places, texts of 500 characters, lists of 20),
 * so that a front end renders the form from it and other services check facts against it.
 */
public final class FactsSchema {
    public static final BigDecimal MAX_MONEY = new BigDecimal("9999999999999.99");
    public static final BigDecimal MAX_DECIMAL = new BigDecimal("1000000000");
    public static final long MAX_INTEGER = 1_000_000_000L;
    public static final int MAX_TEXT = 500;
    public static final int MAX_LIST = 20;
    public static final int MAX_LIST_ITEM = 100;
    public static final int MAX_FACTS = 50;

    private FactsSchema() {}

    public static Map<String, Object> of(ProgrammeDef p) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (FactDef f : p.facts()) {
            Map<String, Object> property = new LinkedHashMap<>();
            switch (f.type()) {
                case MONEY -> {
                    property.put("type", "number");
                    property.put("minimum", 0);
                    property.put("maximum", MAX_MONEY);
                    property.put("multipleOf", new BigDecimal("0.01"));
                    property.put("x-unit", "CNY");
                }
                case DECIMAL -> {
                    property.put("type", "number");
                    property.put("minimum", 0);
                    property.put("maximum", MAX_DECIMAL);
                    property.put("multipleOf", new BigDecimal("0.0001"));
                }
                case INTEGER -> {
                    property.put("type", "integer");
                    property.put("minimum", 0);
                    property.put("maximum", MAX_INTEGER);
                }
                case BOOLEAN -> property.put("type", "boolean");
                case ENUM -> {
                    property.put("type", "string");
                    if (f.values() != null) {
                        property.put("enum", f.values());
                    }
                    property.put("maxLength", MAX_TEXT);
                }
                case TEXT -> {
                    property.put("type", "string");
                    property.put("minLength", 1);
                    property.put("maxLength", MAX_TEXT);
                }
                case LIST -> {
                    property.put("type", "array");
                    property.put("maxItems", MAX_LIST);
                    property.put("items", Map.of("type", "string", "minLength", 1, "maxLength", MAX_LIST_ITEM));
                }
            }
            property.put("title", f.description().zh());
            property.put("description", f.description().en());
            properties.put(f.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", p.name().zh() + " / " + p.name().en());
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        schema.put("maxProperties", MAX_FACTS);
        schema.put("properties", properties);
        schema.put(
                "required",
                p.facts().stream().filter(FactDef::required).map(FactDef::name).toList());
        return schema;
    }

    /** The names of every fact any programme asks for, for checks outside one programme (the calculator). */
    public static List<String> names(Policy policy) {
        return policy.allProgrammes().stream()
                .flatMap(p -> p.facts().stream())
                .map(FactDef::name)
                .distinct()
                .toList();
    }
}
