package io.grantflow.applications.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.offer.RecordImports;
import io.grantflow.applications.application.offer.RecordImports.ImportedRecord;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.validation.TextRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An import's body, JSON array or CSV, read into records with every size bounded: a file
 * outside the bounds (too many records, a text too long, a control character, a structure that
 * is not a list of records) is 400 with the fields named ({@code records[12].source}); what the
 * records say is checked afterwards, record by record, into the import's report.
 */
final class RecordFiles {
    static final int MAX_NAME = 200;
    static final int MAX_SOURCE = 100;
    static final int MAX_REF = 100;
    static final int MAX_FACTS = 20;
    static final int MAX_FACT_TEXT = 500;
    static final int MAX_LIST = 50;
    /** At most this many field errors in one answer: a broken file of 10,000 lines is told where it starts going wrong. */
    static final int MAX_ERRORS = 50;

    /** The record's fields and the longest text each may be (field length bounds). */
    static final Map<String, Integer> FIELDS = fields();

    private static Map<String, Integer> fields() {
        Map<String, Integer> f = new LinkedHashMap<>();
        f.put("creditCode", 18);
        f.put("enterpriseName", MAX_NAME);
        f.put("recordKind", 16);
        f.put("programme", 44);
        f.put("source", MAX_SOURCE);
        f.put("recordDate", 10);
        f.put("recordRef", MAX_REF);
        f.put("district", 32);
        return f;
    }

    private static final Set<String> REQUIRED =
            Set.of("creditCode", "enterpriseName", "recordKind", "programme", "source", "recordDate", "district");

    private RecordFiles() {}

    static List<ImportedRecord> json(String body, ObjectMapper json) {
        JsonNode root;
        try {
            // trailing garbage after the array is a malformed body, not something to ignore
            root = json.readerFor(JsonNode.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(body == null ? "" : body);
        } catch (Exception e) {
            throw ProblemException.invalidField("$", "MALFORMED_JSON", "请求体不是有效的 JSON", "the body is not valid JSON");
        }
        if (root == null || !root.isArray()) {
            throw ProblemException.invalidField(
                    "records", "NOT_A_LIST", "请求体须为记录的 JSON 数组", "the body is a JSON array of records");
        }
        count(root.size());
        List<FieldError> errors = new ArrayList<>();
        List<ImportedRecord> records = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            String at = "records[" + i + "]";
            if (!n.isObject()) {
                add(errors, new FieldError(at, "NOT_A_RECORD", "记录须为 JSON 对象", "a record is a JSON object"));
                continue;
            }
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, Object> facts = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("facts")) {
                    facts(f.getValue(), at + ".facts", facts, errors);
                } else if (FIELDS.containsKey(f.getKey())) {
                    if (f.getValue().isNull()) {
                        continue;
                    }
                    if (!f.getValue().isTextual()) {
                        add(errors, new FieldError(at + "." + f.getKey(), "NOT_A_TEXT", "须为文字", "must be a text"));
                        continue;
                    }
                    texts.put(f.getKey(), f.getValue().asText());
                } else {
                    add(errors, new FieldError(at + "." + f.getKey(), "UNKNOWN_FIELD", "未知字段", "unknown field"));
                }
            }
            records.add(record(texts, facts, at, errors));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return records;
    }

    /**
     * CSV (RFC 4180, UTF-8, a header line): the columns {@code creditCode, enterpriseName,
     * recordKind, programme, source, recordDate, recordRef, district} in any order, and a
     * column {@code facts.<name>} per fact (an empty cell: the fact is absent). Facts are texts.
     */
    static List<ImportedRecord> csv(String body) {
        List<List<String>> lines = parse(body == null ? "" : body);
        if (lines.isEmpty()) {
            throw ProblemException.invalidField(
                    "records", "NO_HEADER", "CSV 须有表头行", "the CSV starts with a header line");
        }
        List<String> header = lines.get(0);
        List<FieldError> errors = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).strip();
            header.set(c, name);
            boolean fact = name.startsWith("facts.") && name.length() > 6 && name.length() <= 70;
            if (!fact && !FIELDS.containsKey(name)) {
                add(
                        errors,
                        new FieldError("header[" + c + "]", "UNKNOWN_COLUMN", "未知列：" + echo(name), "unknown column"));
            }
            if (header.indexOf(name) != c) {
                add(errors, new FieldError("header[" + c + "]", "DUPLICATE_COLUMN", "重复的列", "a column twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        count(lines.size() - 1);
        List<ImportedRecord> records = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            String at = "records[" + (i - 1) + "]";
            if (cells.size() != header.size()) {
                add(
                        errors,
                        new FieldError(
                                at,
                                "WRONG_CELL_COUNT",
                                "该行有 " + cells.size() + " 列，表头有 " + header.size() + " 列",
                                "the line has " + cells.size() + " cells, the header " + header.size()));
                continue;
            }
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, Object> facts = new LinkedHashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                String v = cells.get(c);
                if (v.isEmpty()) {
                    continue;
                }
                String name = header.get(c);
                if (name.startsWith("facts.")) {
                    String fact = name.substring(6);
                    Bilingual p = TextRules.problem(v, MAX_FACT_TEXT, false);
                    if (p != null) {
                        add(errors, new FieldError(at + "." + name, "INVALID_TEXT", p));
                    } else {
                        facts.put(fact, v);
                    }
                } else {
                    texts.put(name, v);
                }
            }
            records.add(record(texts, facts, at, errors));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return records;
    }

    private static void count(int n) {
        if (n < 1 || n > RecordImports.MAX_RECORDS) {
            throw ProblemException.invalidField(
                    "records",
                    "RECORD_COUNT",
                    "一次导入 1 到 " + RecordImports.MAX_RECORDS + " 条记录（本次 " + n + " 条）",
                    "An import holds 1 to " + RecordImports.MAX_RECORDS + " records (this one " + n + ")");
        }
    }

    private static ImportedRecord record(
            Map<String, String> texts, Map<String, Object> facts, String at, List<FieldError> errors) {
        for (Map.Entry<String, String> t : texts.entrySet()) {
            Bilingual p = TextRules.problem(t.getValue(), FIELDS.get(t.getKey()), false);
            if (p != null) {
                add(errors, new FieldError(at + "." + t.getKey(), "INVALID_TEXT", p));
            }
        }
        for (String required : REQUIRED) {
            if (!texts.containsKey(required)) {
                add(errors, new FieldError(at + "." + required, "REQUIRED", "必填", "required"));
            }
        }
        return new ImportedRecord(
                texts.get("creditCode"),
                texts.get("enterpriseName"),
                texts.get("recordKind"),
                texts.get("programme"),
                texts.get("source"),
                texts.get("recordDate"),
                texts.get("recordRef"),
                texts.get("district"),
                facts);
    }

    /** A fact's value: a text, a number, a boolean, or a list of those; every one bounded. */
    private static void facts(JsonNode n, String at, Map<String, Object> facts, List<FieldError> errors) {
        if (n.isNull()) {
            return;
        }
        if (!n.isObject()) {
            add(errors, new FieldError(at, "NOT_AN_OBJECT", "要素须为 JSON 对象", "the facts are a JSON object"));
            return;
        }
        if (n.size() > MAX_FACTS) {
            add(
                    errors,
                    new FieldError(
                            at, "TOO_MANY_FACTS", "最多 " + MAX_FACTS + " 个要素", "at most " + MAX_FACTS + " facts"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            String field = at + "." + (name.length() > 64 ? name.substring(0, 64) : name);
            if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
                add(
                        errors,
                        new FieldError(
                                field,
                                "FACT_NAME",
                                "要素名为小写字母、数字和下划线",
                                "a fact name is lower case letters, digits and _"));
                continue;
            }
            Object value = scalar(f.getValue(), field, errors);
            if (value == null && f.getValue().isArray()) {
                if (f.getValue().size() > MAX_LIST) {
                    add(
                            errors,
                            new FieldError(
                                    field, "LIST_TOO_LONG", "最多 " + MAX_LIST + " 项", "at most " + MAX_LIST + " items"));
                    continue;
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < f.getValue().size(); i++) {
                    Object item = scalar(f.getValue().get(i), field + "[" + i + "]", errors);
                    if (item != null) {
                        items.add(item);
                    } else if (!f.getValue().get(i).isArray()) {
                        continue;
                    } else {
                        add(
                                errors,
                                new FieldError(
                                        field + "[" + i + "]", "NESTED_LIST", "不能嵌套列表", "no list inside a list"));
                    }
                }
                facts.put(name, items);
            } else if (value != null) {
                facts.put(name, value);
            }
        }
    }

    private static Object scalar(JsonNode v, String field, List<FieldError> errors) {
        if (v.isTextual()) {
            Bilingual p = TextRules.problem(v.asText(), MAX_FACT_TEXT, false);
            if (p != null) {
                add(errors, new FieldError(field, "INVALID_TEXT", p));
                return null;
            }
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            if (d.precision() > 17) {
                add(errors, new FieldError(field, "NUMBER_TOO_LONG", "数字最多 17 位", "at most 17 digits"));
                return null;
            }
            return d;
        }
        if (!v.isArray()) {
            add(
                    errors,
                    new FieldError(
                            field,
                            "INVALID_FACT",
                            "要素须为文字、数字、真假值或其列表",
                            "a fact is a text, number, boolean or a list of them"));
        }
        return null;
    }

    private static void add(List<FieldError> errors, FieldError e) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(e);
        }
    }

    private static String echo(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    /** RFC 4180: fields separated by commas, quoted with "" (a quote inside doubled), lines by CRLF or LF; blank lines skipped. */
    static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && cell.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (any || cell.length() > 0) {
                    cells.add(cell.toString());
                    lines.add(cells);
                    if (lines.size() > RecordImports.MAX_RECORDS + 1) {
                        count(lines.size() - 1);
                    }
                }
                cells = new ArrayList<>();
                cell.setLength(0);
                any = false;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                cell.append(c);
                any = true;
            }
            i++;
        }
        if (quoted) {
            throw ProblemException.invalidField(
                    "records", "UNCLOSED_QUOTE", "CSV 中有未闭合的引号", "the CSV has a quote that is never closed");
        }
        if (any || cell.length() > 0) {
            cells.add(cell.toString());
            lines.add(cells);
        }
        return lines;
    }
}
