package io.grantflow.eligibility.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.grantflow.contracts.events.OverrideAllowance;
import io.grantflow.contracts.events.ProactiveOffer;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.eligibility.domain.catalogue.BracketTable;
import io.grantflow.eligibility.domain.catalogue.Codes;
import io.grantflow.eligibility.domain.catalogue.Condition;
import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.Decimals;
import io.grantflow.eligibility.domain.catalogue.FactDef;
import io.grantflow.eligibility.domain.catalogue.FactDef.FactType;
import io.grantflow.eligibility.domain.catalogue.Operator;
import io.grantflow.eligibility.domain.catalogue.Parameter;
import io.grantflow.eligibility.domain.catalogue.Parameter.Kind;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.domain.catalogue.Ref;
import io.grantflow.eligibility.domain.catalogue.StagePlan;
import io.grantflow.eligibility.domain.catalogue.Text;
import io.grantflow.eligibility.domain.catalogue.TierTable;
import io.grantflow.eligibility.domain.catalogue.Unit;
import io.grantflow.eligibility.domain.rules.AnnualCapLimit;
import io.grantflow.eligibility.domain.rules.AnnualCountLimit;
import io.grantflow.eligibility.domain.rules.AwardRule;
import io.grantflow.eligibility.domain.rules.BracketsAward;
import io.grantflow.eligibility.domain.rules.CappedAward;
import io.grantflow.eligibility.domain.rules.CaseByCaseAward;
import io.grantflow.eligibility.domain.rules.CombinedCapLimit;
import io.grantflow.eligibility.domain.rules.CumulativeCapLimit;
import io.grantflow.eligibility.domain.rules.DistinctLimit;
import io.grantflow.eligibility.domain.rules.ExclusiveGroupLimit;
import io.grantflow.eligibility.domain.rules.FixedAward;
import io.grantflow.eligibility.domain.rules.LimitRule;
import io.grantflow.eligibility.domain.rules.OnceLimit;
import io.grantflow.eligibility.domain.rules.RateAward;
import io.grantflow.eligibility.domain.rules.Staging;
import io.grantflow.eligibility.domain.rules.SumAward;
import io.grantflow.eligibility.domain.rules.TiersAward;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the catalogue (CATALOGUE.md) into typed records and rules: {@code catalogue/policy.yaml}
 * and the programme files named in {@code catalogue/programmes.list}. Everything a rule reads is
 * checked here, once: every {@code $parameter} exists, is of the kind the rule reads and has a
 * value from the policy's first day; every operator is known and fits its fact; every fact a rule
 * names is declared; tiers, brackets and staging plans are in order; departments, districts and
 * beneficiary kinds are contracts' {@link Vocabulary}. A catalogue that fails stops the service at
 * start with the file and the field ({@link CatalogueException}).
 */
public final class CatalogueLoader {
    public static final String ROOT = "catalogue/";

    /** Where the files come from: the classpath, or a test's own files. Null for a file that is not there. */
    @FunctionalInterface
    public interface Source {
        InputStream open(String path) throws IOException;
    }

    private static final Set<String> POLICY_FIELDS =
            Set.of("id", "version", "title", "issuer", "issued", "validity", "parameters");
    private static final Set<String> PROGRAMME_FIELDS = Set.of(
            "code",
            "section",
            "name",
            "departments",
            "administered",
            "beneficiary_kinds",
            "flags",
            "reference",
            "facts",
            "conditions",
            "award",
            "limits",
            "staging",
            "parameters",
            "proactive",
            "overrides");
    private static final Set<String> FLAGS =
            Set.of("ON_MERIT", "STAGED", "BLOCK_GRANT", "CASE_BY_CASE", "CITY_APPROVAL");
    private static final Set<String> PART_FIELDS =
            Set.of("when_first", "per", "once_per_year", "once_ever", "condition");
    /** The vocabulary lists an enum fact may take its values from instead of listing them. */
    private static final Map<String, Set<String>> VALUE_LISTS = Map.of("districts", Vocabulary.DISTRICT_CODES);

    /** Converts a preset fact's YAML node into what JSON would give (list, map, text, number, boolean). */
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ObjectMapper yaml =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final Source source;

    public CatalogueLoader() {
        this(CatalogueLoader::resource);
    }

    public CatalogueLoader(Source source) {
        this.source = source;
    }

    public static Policy loadFromClasspath() {
        return new CatalogueLoader().load();
    }

    public Policy load() {
        File policyFile = new File("policy.yaml", read("policy.yaml"));
        Map<String, File> files = new LinkedHashMap<>();
        for (String name : programmeFiles(source)) {
            String path = "programmes/" + name;
            files.put(path, new File(path, read(path)));
        }
        PolicyFrame frame = policy(policyFile);
        Map<String, Set<String>> groups = exclusiveGroups(files.values());
        Map<String, ProgrammeDef> programmes = new TreeMap<>();
        for (File file : files.values()) {
            ProgrammeDef p = new ProgrammeReader(file, frame, groups).programme();
            if (programmes.put(p.code(), p) != null) {
                throw file.fail("code", "项目代码重复：" + p.code(), "programme code " + p.code() + " appears twice");
            }
        }
        return new Policy(
                frame.id,
                frame.version,
                frame.title,
                frame.validFrom,
                frame.validTo,
                frame.validityReference,
                terms(Vocabulary.DEPARTMENTS),
                terms(Vocabulary.DISTRICTS),
                frame.parameters,
                programmes,
                frame.jurisdiction,
                frame.annualAmount,
                frame.annualCount);
    }

    /** The programme files, one a line, from {@code catalogue/programmes.list} on the classpath. */
    public static List<String> programmeFiles() {
        return programmeFiles(CatalogueLoader::resource);
    }

    private static List<String> programmeFiles(Source source) {
        List<String> files = new ArrayList<>();
        try (InputStream in = open(source, "programmes.list");
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
        try (InputStream in = open(source, path)) {
            JsonNode node = yaml.readTree(in);
            if (node == null || !node.isObject()) {
                throw new CatalogueException(path, "$", "文件不是一个映射", "the file is not a mapping");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CatalogueException(
                    path, "$", "YAML 无法解析：" + e.getOriginalMessage(), "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalogue file " + path, e);
        }
    }

    private static InputStream open(Source source, String path) throws IOException {
        InputStream in = source.open(ROOT + path);
        if (in == null) {
            throw new CatalogueException(path, "$", "文件不在类路径上", "the file is not on the classpath");
        }
        return in;
    }

    private static InputStream resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        return in != null ? in : CatalogueLoader.class.getClassLoader().getResourceAsStream(path);
    }

    private static Map<String, Text> terms(List<Vocabulary.Term> terms) {
        Map<String, Text> result = new LinkedHashMap<>();
        terms.forEach(t -> result.put(t.code(), new Text(t.zh(), t.en())));
        return Collections.unmodifiableMap(result);
    }

    // ---- policy.yaml --------------------------------------------------------------------------------

    /** What the programmes read of the policy: its dates and its parameters. */
    private record PolicyFrame(
            String id,
            String version,
            Text title,
            LocalDate validFrom,
            LocalDate validTo,
            String validityReference,
            Map<String, Parameter<?>> parameters,
            Parameter<List<String>> jurisdiction,
            Parameter<BigDecimal> annualAmount,
            Parameter<BigDecimal> annualCount) {}

    private PolicyFrame policy(File f) {
        JsonNode node = f.node;
        for (String copy : List.of("departments", "districts", "beneficiary_kinds")) {
            if (node.has(copy)) {
                throw f.fail(
                        copy,
                        "这些代码来自 contracts 的 Vocabulary，目录中不再列出",
                        "these codes are contracts' Vocabulary: the catalogue does not list them again");
            }
        }
        f.only(node, "", POLICY_FIELDS);
        JsonNode validity = f.object(node, "validity");
        LocalDate from = f.date(validity, "validity.from");
        LocalDate to = f.date(validity, "validity.to");
        if (to.isBefore(from)) {
            throw f.fail("validity.to", "有效期结束早于开始", "the validity ends before it begins");
        }
        Map<String, Parameter<?>> parameters = f.parameters(node.path("parameters"), "parameters");
        Parameter<List<String>> jurisdiction =
                f.policyParameter(parameters, "jurisdiction", Kind.CODES, Unit.DISTRICTS, from);
        Parameter<BigDecimal> amount =
                f.policyParameter(parameters, "annual_award_amount", Kind.DECIMAL, Unit.CNY, from);
        Parameter<BigDecimal> count =
                f.policyParameter(parameters, "annual_award_count", Kind.DECIMAL, Unit.COUNT, from);
        return new PolicyFrame(
                f.text(node, "id"),
                f.text(node, "version"),
                f.bilingual(node, "title"),
                from,
                to,
                f.text(validity, "validity.reference"),
                parameters,
                jurisdiction,
                amount,
                count);
    }

    /** Every exclusivity group and the programmes sharing it, read before the programmes are built. */
    private static Map<String, Set<String>> exclusiveGroups(Iterable<File> files) {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (File f : files) {
            for (JsonNode l : f.node.path("limits")) {
                if ("exclusive_group".equals(l.path("kind").asText())
                        && l.path("group").isTextual()) {
                    groups.computeIfAbsent(l.path("group").asText(), g -> new TreeSet<>())
                            .add(f.node.path("code").asText());
                }
            }
        }
        return groups;
    }

    // ---- one file: field paths and typed reads --------------------------------------------------------

    /** One catalogue file and the typed reads of its fields, each failing with the file and the field. */
    private static class File {
        final String path;
        final JsonNode node;

        File(String path, JsonNode node) {
            this.path = path;
            this.node = node;
        }

        CatalogueException fail(String field, String zh, String en) {
            return new CatalogueException(path, field.isEmpty() ? "$" : field, zh, en);
        }

        static String at(String base, String field) {
            return base.isEmpty() ? field : base + "." + field;
        }

        static String leaf(String field) {
            int dot = field.lastIndexOf('.');
            return dot < 0 ? field : field.substring(dot + 1);
        }

        /** Refuses a field this kind of node does not know: a typo must not pass as an absent field. */
        void only(JsonNode n, String base, Set<String> allowed) {
            Iterator<String> names = n.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw fail(at(base, name), "未知字段", "unknown field");
                }
            }
        }

        JsonNode object(JsonNode parent, String field) {
            JsonNode v = parent.path(leaf(field));
            if (!v.isObject()) {
                throw fail(field, "缺少或不是映射", "missing or not a mapping");
            }
            return v;
        }

        String text(JsonNode parent, String field) {
            JsonNode v = parent.path(leaf(field));
            if (!v.isTextual() || v.asText().isBlank()) {
                throw fail(field, "缺少或不是文字", "missing or not a text");
            }
            return v.asText();
        }

        boolean bool(JsonNode parent, String field, boolean absent) {
            JsonNode v = parent.path(leaf(field));
            if (v.isMissingNode() || v.isNull()) {
                return absent;
            }
            if (!v.isBoolean()) {
                throw fail(field, "须为 true 或 false", "must be true or false");
            }
            return v.asBoolean();
        }

        LocalDate date(JsonNode parent, String field) {
            String text = text(parent, field);
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw fail(field, "不是日期（YYYY-MM-DD）：" + text, "not a date (YYYY-MM-DD): " + text);
            }
        }

        List<String> strings(JsonNode parent, String field) {
            return list(parent.path(leaf(field)), field);
        }

        List<String> list(JsonNode v, String field) {
            if (v.isMissingNode() || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw fail(field, "须为列表", "must be a list");
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isTextual() || item.asText().isBlank()) {
                    throw fail(field + "[" + i + "]", "须为文字", "must be a text");
                }
                if (result.contains(item.asText())) {
                    throw fail(field + "[" + i + "]", "重复：" + item.asText(), item.asText() + " appears twice");
                }
                result.add(item.asText());
            }
            return List.copyOf(result);
        }

        /** Codes that must be contracts' vocabulary. */
        List<String> codes(JsonNode parent, String field, Set<String> vocabulary, String zh, String en) {
            return codes(list(parent.path(leaf(field)), field), field, vocabulary, zh, en);
        }

        List<String> codes(List<String> codes, String field, Set<String> vocabulary, String zh, String en) {
            for (int i = 0; i < codes.size(); i++) {
                if (!vocabulary.contains(codes.get(i))) {
                    throw fail(
                            field + "[" + i + "]",
                            "未知" + zh + " " + codes.get(i) + "（不在 contracts 的 Vocabulary 中）",
                            "unknown " + en + " " + codes.get(i) + " (not in contracts' Vocabulary)");
                }
            }
            return codes;
        }

        Text bilingual(JsonNode parent, String field) {
            JsonNode v = object(parent, field);
            only(v, field, Set.of("zh", "en"));
            return new Text(text(v, field + ".zh"), text(v, field + ".en"));
        }

        BigDecimal decimal(JsonNode v, String field) {
            BigDecimal d = v.isTextual() ? Decimals.parse(v.asText()) : null;
            if (d == null) {
                throw fail(field, "须为写成文字的十进制数（如 \"0.30\"）", "must be a decimal written as a text (such as \"0.30\")");
            }
            return d;
        }

        // ---- parameters -----------------------------------------------------------------------------

        Map<String, Parameter<?>> parameters(JsonNode n, String base) {
            if (n.isMissingNode() || n.isNull()) {
                return Map.of();
            }
            if (!n.isObject()) {
                throw fail(base, "须为映射", "must be a mapping");
            }
            Map<String, Parameter<?>> result = new LinkedHashMap<>();
            n.fields()
                    .forEachRemaining(e ->
                            result.put(e.getKey(), parameter(e.getKey(), e.getValue(), at(base, e.getKey()))));
            return Collections.unmodifiableMap(result);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Parameter<?> parameter(String name, JsonNode p, String base) {
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw fail(base, "参数名须为小写字母、数字和下划线", "a parameter name is lower case letters, digits and _");
            }
            if (!p.isObject()) {
                throw fail(base, "须为映射", "must be a mapping");
            }
            only(p, base, Set.of("unit", "values"));
            String unitCode = text(p, base + ".unit");
            Unit unit = Unit.parse(unitCode)
                    .orElseThrow(() -> fail(base + ".unit", "未知单位 " + unitCode, "unknown unit " + unitCode));
            JsonNode values = p.path("values");
            if (!values.isArray() || values.isEmpty()) {
                throw fail(base + ".values", "须为非空列表", "must be a non-empty list");
            }
            Kind kind = null;
            Set<LocalDate> dates = new HashSet<>();
            List<DatedValue<Object>> dated = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String at = base + ".values[" + i + "]";
                JsonNode v = values.get(i);
                if (!v.isObject()) {
                    throw fail(at, "须为映射", "must be a mapping");
                }
                only(v, at, Set.of("from", "value", "reference", "default"));
                LocalDate from = date(v, at + ".from");
                if (!dates.add(from)) {
                    throw fail(at + ".from", "同一日期有两个值：" + from, "two values from the same date " + from);
                }
                Typed typed = value(unit, v.path("value"), at + ".value");
                if (kind != null && typed.kind != kind) {
                    throw fail(
                            at + ".value",
                            "同一参数的各值须为同一类（" + kind.zh() + "）",
                            "every value of one parameter is of one kind (" + kind.en() + ")");
                }
                kind = typed.kind;
                dated.add(new DatedValue<>(
                        from, typed.value, text(v, at + ".reference"), bool(v, at + ".default", false)));
            }
            return new Parameter(name, unit, kind, List.copyOf(dated));
        }

        private record Typed(Kind kind, Object value) {}

        private Typed value(Unit unit, JsonNode v, String field) {
            if (unit == Unit.DISTRICTS) {
                if (!v.isArray()) {
                    throw fail(field, "须为地区代码列表", "must be a list of district codes");
                }
                return new Typed(
                        Kind.CODES,
                        Codes.of(codes(list(v, field), field, Vocabulary.DISTRICT_CODES, "地区", "district")));
            }
            if (v.isTextual() || v.isNumber()) {
                // a number YAML reads itself may have passed through floating point: decimals are texts
                BigDecimal d = decimal(v, field);
                if (unit == Unit.COUNT
                        && (d.signum() < 0 || d.stripTrailingZeros().scale() > 0)) {
                    throw fail(field, "次数须为非负整数", "a count is a whole number, not negative");
                }
                return new Typed(Kind.DECIMAL, d);
            }
            if (!v.isArray() || v.isEmpty() || !v.get(0).isObject()) {
                throw fail(field, "须为十进制数文字或表", "must be a decimal as a text or a table");
            }
            JsonNode first = v.get(0);
            if (first.has("key") || first.has("min")) {
                return new Typed(Kind.TIERS, tiers(v, field));
            }
            if (first.has("rate")) {
                return new Typed(Kind.BRACKETS, brackets(v, field));
            }
            if (first.has("share")) {
                return new Typed(Kind.STAGES, stages(v, field));
            }
            throw fail(
                    field + "[0]",
                    "未知的表（档次 key/min、分段 upto/rate 或分期 year/share）",
                    "unknown table (tiers key/min, brackets upto/rate or stages year/share)");
        }

        private TierTable tiers(JsonNode rows, String field) {
            boolean byKey = rows.get(0).has("key");
            List<TierTable.Tier> tiers = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                String at = field + "[" + i + "]";
                JsonNode row = rows.get(i);
                if (!row.isObject()) {
                    throw fail(at, "须为映射", "must be a mapping");
                }
                only(row, at, byKey ? Set.of("key", "amount") : Set.of("min", "amount"));
                BigDecimal amount = decimal(row.path("amount"), at + ".amount");
                if (amount.signum() < 0) {
                    throw fail(at + ".amount", "金额不得为负", "an amount is not negative");
                }
                if (byKey) {
                    String key = text(row, at + ".key");
                    if (!keys.add(key)) {
                        throw fail(at + ".key", "档次重复：" + key, "tier " + key + " appears twice");
                    }
                    tiers.add(new TierTable.Tier(key, null, amount));
                } else {
                    BigDecimal min = decimal(row.path("min"), at + ".min");
                    if (!tiers.isEmpty()
                            && min.compareTo(tiers.get(tiers.size() - 1).min()) <= 0) {
                        throw fail(field, "档次未按门槛升序排列（第 " + i + " 行）", "tiers out of order at index " + i);
                    }
                    tiers.add(new TierTable.Tier(null, min, amount));
                }
            }
            return new TierTable(tiers);
        }

        private BracketTable brackets(JsonNode rows, String field) {
            List<BracketTable.Bracket> brackets = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String at = field + "[" + i + "]";
                JsonNode row = rows.get(i);
                if (!row.isObject()) {
                    throw fail(at, "须为映射", "must be a mapping");
                }
                only(row, at, Set.of("upto", "rate"));
                BigDecimal rate = decimal(row.path("rate"), at + ".rate");
                BigDecimal upto = row.has("upto") ? decimal(row.path("upto"), at + ".upto") : null;
                if (upto == null && i < rows.size() - 1) {
                    throw fail(at, "只有最后一段可以没有上限 upto", "only the last bracket may have no upto");
                }
                if (upto != null
                        && (upto.signum() <= 0
                                || !brackets.isEmpty()
                                        && upto.compareTo(brackets.get(brackets.size() - 1)
                                                        .upto())
                                                <= 0)) {
                    throw fail(field, "分段未按上限升序排列（第 " + i + " 行）", "brackets out of order at index " + i);
                }
                brackets.add(new BracketTable.Bracket(upto, rate));
            }
            return new BracketTable(brackets);
        }

        private StagePlan stages(JsonNode rows, String field) {
            List<StagePlan.Stage> stages = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < rows.size(); i++) {
                String at = field + "[" + i + "]";
                JsonNode row = rows.get(i);
                if (!row.isObject()) {
                    throw fail(at, "须为映射", "must be a mapping");
                }
                only(row, at, Set.of("year", "share", "condition"));
                JsonNode year = row.path("year");
                if (!year.isIntegralNumber() || year.asInt() < 0) {
                    throw fail(at + ".year", "须为非负整数", "must be a whole number, not negative");
                }
                if (!stages.isEmpty()
                        && year.asInt() <= stages.get(stages.size() - 1).year()) {
                    throw fail(field, "分期未按年份升序排列（第 " + i + " 行）", "stages out of order at index " + i);
                }
                BigDecimal share = decimal(row.path("share"), at + ".share");
                if (share.signum() <= 0) {
                    throw fail(at + ".share", "比例须大于零", "a share is more than zero");
                }
                total = total.add(share);
                stages.add(
                        new StagePlan.Stage(year.asInt(), share, condition(row.path("condition"), at + ".condition")));
            }
            if (total.compareTo(BigDecimal.ONE) != 0) {
                throw fail(
                        field,
                        "各期比例之和为 " + total.toPlainString() + "，须为 1",
                        "the shares add up to " + total.toPlainString() + ", not 1");
            }
            return new StagePlan(stages);
        }

        /** A stage's condition: absent, or one of the conditions a payment plan knows. */
        private StagePlan.Condition condition(JsonNode node, String field) {
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            for (StagePlan.Condition c : StagePlan.Condition.values()) {
                if (node.isTextual() && c.name().equals(node.asText())) {
                    return c;
                }
            }
            throw fail(field, "须为 NONE、FISCAL_YEAR_START 或 MILESTONE", "must be NONE, FISCAL_YEAR_START or MILESTONE");
        }

        <T> Parameter<T> policyParameter(
                Map<String, Parameter<?>> parameters, String name, Kind kind, Unit unit, LocalDate from) {
            String field = "parameters." + name;
            Parameter<?> p = parameters.get(name);
            if (p == null) {
                throw fail(field, "缺少总则参数", "a parameter of the general provisions is missing");
            }
            if (p.kind() != kind || p.unit() != unit) {
                throw fail(
                        field,
                        "须为" + kind.zh() + "（单位 " + unit.code() + "）",
                        "must be " + kind.en() + " in " + unit.code());
            }
            if (p.valueAt(from) == null) {
                throw fail(field, "政策首日 " + from + " 无有效值", "no value in force on the policy's first day " + from);
            }
            return p.as(kind);
        }
    }

    // ---- a programme file ---------------------------------------------------------------------------

    /** Reads one programme file into its typed programme, with its rules. */
    private static final class ProgrammeReader extends File {
        private final PolicyFrame policy;
        private final Map<String, Set<String>> groups;
        private Map<String, Parameter<?>> parameters = Map.of();
        private final Map<String, FactDef> facts = new LinkedHashMap<>();

        ProgrammeReader(File file, PolicyFrame policy, Map<String, Set<String>> groups) {
            super(file.path, file.node);
            this.policy = policy;
            this.groups = groups;
        }

        ProgrammeDef programme() {
            only(node, "", PROGRAMME_FIELDS);
            String code = text(node, "code");
            if (!code.matches(Vocabulary.PROGRAMME_PATTERN)) {
                throw fail("code", "项目代码格式错误：" + code, "malformed programme code " + code);
            }
            if (!path.equals("programmes/" + code + ".yaml")) {
                throw fail(
                        "code", "文件名须为项目代码：" + code + ".yaml", "the file is named after its code: " + code + ".yaml");
            }
            JsonNode sectionNode = node.path("section");
            if (!sectionNode.isIntegralNumber() || sectionNode.asInt() < 1 || sectionNode.asInt() > 12) {
                throw fail("section", "章节须为 1 到 12", "the section is 1 to 12");
            }
            boolean administered = bool(node, "administered", true);
            List<String> departments = codes(node, "departments", Vocabulary.DEPARTMENT_CODES, "部门", "department");
            List<String> kinds = Codes.of(
                    codes(node, "beneficiary_kinds", Vocabulary.BENEFICIARY_KIND_CODES, "申请主体类型", "beneficiary kind"));
            List<String> flags = strings(node, "flags");
            for (int i = 0; i < flags.size(); i++) {
                if (!FLAGS.contains(flags.get(i))) {
                    throw fail("flags[" + i + "]", "未知标记 " + flags.get(i), "unknown flag " + flags.get(i));
                }
            }
            if (administered && departments.isEmpty()) {
                throw fail("departments", "本平台办理的项目须有部门", "a programme administered here names its departments");
            }
            if (administered && kinds.isEmpty()) {
                throw fail(
                        "beneficiary_kinds", "本平台办理的项目须有申请主体类型", "a programme administered here names who may apply");
            }
            parameters = parameters(node.path("parameters"), "parameters");
            facts();
            List<Condition> conditions = new ArrayList<>();
            JsonNode cs = node.path("conditions");
            for (int i = 0; i < cs.size(); i++) {
                conditions.add(condition(cs.get(i), "conditions[" + i + "]"));
            }
            AwardRule award = award(node.path("award"), "award", false);
            if (!administered && !(award instanceof CaseByCaseAward)) {
                throw fail(
                        "award.kind",
                        "不在本平台办理的项目没有金额规则（none）",
                        "a programme not administered here has award kind none");
            }
            List<LimitRule> limits = new ArrayList<>();
            JsonNode ls = node.path("limits");
            for (int i = 0; i < ls.size(); i++) {
                limits.add(limit(ls.get(i), "limits[" + i + "]", code));
            }
            Staging staging = staging(flags.contains("STAGED"));
            List<FactDef> factList = List.copyOf(facts.values());
            return new ProgrammeDef(
                    code,
                    sectionNode.asInt(),
                    bilingual(node, "name"),
                    departments,
                    administered,
                    kinds,
                    flags,
                    text(node, "reference"),
                    factList,
                    List.copyOf(conditions),
                    award,
                    List.copyOf(limits),
                    staging,
                    parameters,
                    proactive(code),
                    overrides(award));
        }

        /**
         * The departures from the formula the text allows (一事一议 on a normal evaluation): each of
         * a published kind, once, with its clause; only where a formula gives a ceiling to depart from.
         */
        private List<ProgrammeDef.AllowedOverride> overrides(AwardRule award) {
            JsonNode os = node.path("overrides");
            if (os.isMissingNode() || os.isNull()) {
                return List.of();
            }
            if (!os.isArray()) {
                throw fail("overrides", "须为列表", "must be a list");
            }
            if (award instanceof CaseByCaseAward) {
                throw fail(
                        "overrides",
                        "没有计算公式的项目无上限可突破（已是一事一议）",
                        "a programme without a formula has no ceiling to depart from (it is case by case already)");
            }
            List<ProgrammeDef.AllowedOverride> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < os.size(); i++) {
                String at = "overrides[" + i + "]";
                JsonNode o = os.get(i);
                only(o, at, Set.of("kind", "reference"));
                String kind = text(o, at + ".kind");
                if (!OverrideAllowance.KINDS.contains(kind)) {
                    throw fail(
                            at + ".kind",
                            "类型须为 " + OverrideAllowance.KINDS + " 之一",
                            "the kind is one of " + OverrideAllowance.KINDS);
                }
                if (!seen.add(kind)) {
                    throw fail(at + ".kind", "重复：" + kind, "given twice: " + kind);
                }
                out.add(new ProgrammeDef.AllowedOverride(kind, text(o, at + ".reference")));
            }
            return List.copyOf(out);
        }

        /**
         * 免申即享 (ADR 0020): the record kind, the facts the record carries and those the offer
         * presets; together they must give every required fact, each a fact of the programme.
         */
        private ProgrammeDef.Proactive proactive(String code) {
            JsonNode p = node.path("proactive");
            if (p.isMissingNode() || p.isNull()) {
                return null;
            }
            only(p, "proactive", Set.of("record_kind", "record_facts", "preset_facts", "reference"));
            String kind = text(p, "proactive.record_kind");
            if (!ProactiveOffer.RECORD_KINDS.contains(kind)) {
                throw fail(
                        "proactive.record_kind",
                        "记录类型须为 " + ProactiveOffer.RECORD_KINDS + " 之一",
                        "the record kind is one of " + ProactiveOffer.RECORD_KINDS);
            }
            List<String> recordFacts = strings(p, "proactive.record_facts");
            Map<String, Object> preset = new LinkedHashMap<>();
            JsonNode ps = p.path("preset_facts");
            if (!ps.isMissingNode() && !ps.isNull()) {
                if (!ps.isObject()) {
                    throw fail("proactive.preset_facts", "须为映射", "must be a mapping");
                }
                ps.fields()
                        .forEachRemaining(e -> preset.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class)));
            }
            Set<String> given = new HashSet<>(recordFacts);
            for (String name : preset.keySet()) {
                if (!given.add(name)) {
                    throw fail("proactive.preset_facts." + name, "与记录要素重复", "also a fact of the record");
                }
            }
            for (String name : given) {
                if (!facts.containsKey(name)) {
                    throw fail("proactive", "不是本项目的要素：" + name, "not a fact of " + code + ": " + name);
                }
            }
            for (FactDef f : facts.values()) {
                if (f.required() && !given.contains(f.name())) {
                    throw fail(
                            "proactive.record_facts",
                            "记录与预置要素未覆盖必填要素 " + f.name(),
                            "the record's and the preset facts leave out the required fact " + f.name());
                }
            }
            return new ProgrammeDef.Proactive(kind, recordFacts, Map.copyOf(preset), text(p, "proactive.reference"));
        }

        // ---- facts ----------------------------------------------------------------------------------

        private void facts() {
            JsonNode fs = node.path("facts");
            // names and types first: a required_when may name a fact declared after it
            for (int i = 0; i < fs.size(); i++) {
                String at = "facts[" + i + "]";
                JsonNode f = fs.get(i);
                only(
                        f,
                        at,
                        Set.of("name", "type", "required", "required_when", "description", "values", "values_from"));
                String name = text(f, at + ".name");
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw fail(at + ".name", "事实名须为小写字母、数字和下划线", "a fact name is lower case letters, digits and _");
                }
                if (facts.containsKey(name)) {
                    throw fail(at + ".name", "事实重复：" + name, "fact " + name + " is declared twice");
                }
                String typeName = text(f, at + ".type");
                FactType type;
                try {
                    type = FactType.valueOf(typeName.toUpperCase());
                } catch (IllegalArgumentException e) {
                    throw fail(at + ".type", "未知类型 " + typeName, "unknown type " + typeName);
                }
                facts.put(
                        name,
                        new FactDef(
                                name,
                                type,
                                bool(f, at + ".required", true),
                                null,
                                bilingual(f, at + ".description"),
                                values(f, at, type)));
            }
            for (int i = 0; i < fs.size(); i++) {
                String at = "facts[" + i + "]";
                JsonNode f = fs.get(i);
                if (f.has("required_when")) {
                    FactDef def = facts.get(f.path("name").asText());
                    if (def.required()) {
                        throw fail(at + ".required", "有 required_when 时须为 false", "must be false with required_when");
                    }
                    facts.put(
                            def.name(),
                            new FactDef(
                                    def.name(),
                                    def.type(),
                                    false,
                                    condition(f.path("required_when"), at + ".required_when"),
                                    def.description(),
                                    def.values()));
                }
            }
        }

        /** An enum's values: listed, or a vocabulary list by name (values_from: districts). */
        private List<String> values(JsonNode f, String at, FactType type) {
            boolean listed = f.has("values");
            boolean named = f.has("values_from");
            if (type != FactType.ENUM) {
                if (listed || named) {
                    throw fail(
                            at + (listed ? ".values" : ".values_from"),
                            "只有 enum 事实有取值",
                            "only an enum fact has values");
                }
                return null;
            }
            if (listed == named) {
                throw fail(
                        at + ".values",
                        "enum 事实须有 values 或 values_from 之一",
                        "an enum fact has values or values_from, one of them");
            }
            if (named) {
                String list = text(f, at + ".values_from");
                Set<String> codes = VALUE_LISTS.get(list);
                if (codes == null) {
                    throw fail(at + ".values_from", "未知的代码表 " + list, "unknown code list " + list);
                }
                return Codes.of(codes);
            }
            List<String> values = Codes.of(strings(f, at + ".values"));
            if (values.isEmpty()) {
                throw fail(at + ".values", "须为非空列表", "must be a non-empty list");
            }
            for (Map.Entry<String, Set<String>> list : VALUE_LISTS.entrySet()) {
                if (new HashSet<>(values).equals(list.getValue())) {
                    // the same codes listed again would drift from contracts' vocabulary
                    throw fail(
                            at + ".values",
                            "这是完整的 " + list.getKey() + " 代码表：写 values_from: " + list.getKey(),
                            "this is the whole " + list.getKey() + " list: write values_from: " + list.getKey());
                }
            }
            return values;
        }

        private FactDef fact(String name, String field) {
            FactDef def = facts.get(name);
            if (def == null) {
                throw fail(
                        field,
                        "规则使用了未声明的事实 " + name,
                        "the rule uses fact " + name + ", which the programme does not declare");
            }
            return def;
        }

        private String factName(JsonNode parent, String field) {
            String name = text(parent, field);
            fact(name, field);
            return name;
        }

        private String numericFact(JsonNode parent, String field) {
            String name = factName(parent, field);
            if (!facts.get(name).type().numeric()) {
                throw fail(field, "事实 " + name + " 须为金额、数值或整数", "fact " + name + " must be money, decimal or integer");
            }
            return name;
        }

        // ---- references ---------------------------------------------------------------------------

        /**
         * A {@code $parameter} of this file or of the policy, of the kind the rule reads, in force from
         * the policy's first day.
         */
        private <T> Ref<T> ref(JsonNode parent, String field, Kind kind) {
            JsonNode v = parent.path(leaf(field));
            if (!v.isTextual() || !v.asText().startsWith("$")) {
                throw fail(field, "须为参数引用 $名称", "must name a parameter as $name");
            }
            return Ref.to(parameter(v.asText().substring(1), field, kind));
        }

        private <T> Parameter<T> parameter(String name, String field, Kind kind) {
            Parameter<?> p = parameters.containsKey(name)
                    ? parameters.get(name)
                    : policy.parameters().get(name);
            if (p == null) {
                throw fail(field, "未知参数 $" + name, "unknown parameter $" + name);
            }
            if (p.kind() != kind) {
                throw fail(
                        field,
                        "参数 $" + name + " 是" + p.kind().zh() + "，此处须为" + kind.zh(),
                        "parameter $" + name + " is " + p.kind().en() + ", here it must be " + kind.en());
            }
            if (p.valueAt(policy.validFrom()) == null) {
                throw fail(
                        field,
                        "参数 $" + name + " 在政策首日 " + policy.validFrom() + " 无有效值",
                        "parameter $" + name + " has no value in force on the policy's first day "
                                + policy.validFrom());
            }
            return p.as(kind);
        }

        private Ref<BigDecimal> optionalRef(JsonNode parent, String field, Kind kind) {
            JsonNode v = parent.path(leaf(field));
            return v.isMissingNode() || v.isNull() ? null : ref(parent, field, kind);
        }

        // ---- conditions -------------------------------------------------------------------------------

        private Condition condition(JsonNode c, String base) {
            if (!c.isObject()) {
                throw fail(base, "须为映射", "must be a mapping");
            }
            only(c, base, Set.of("fact", "op", "value"));
            String factName = factName(c, base + ".fact");
            FactDef fact = facts.get(factName);
            String symbol = text(c, base + ".op");
            Operator op = Operator.parse(symbol)
                    .orElseThrow(() -> fail(base + ".op", "未知运算符 " + symbol, "unknown operator " + symbol));
            String field = base + ".value";
            JsonNode v = c.path("value");
            Ref<?> value;
            if (op.ordering()) {
                if (!fact.type().numeric()) {
                    throw fail(
                            base + ".op",
                            "运算符 " + symbol + " 只比较数值事实，" + factName + " 是 " + lower(fact.type()),
                            "operator " + symbol + " compares numbers, " + factName + " is " + lower(fact.type()));
                }
                value = v.isTextual() && v.asText().startsWith("$")
                        ? ref(c, field, Kind.DECIMAL)
                        : Ref.literal(decimal(v, field));
            } else if (op == Operator.IN) {
                if (fact.type() != FactType.ENUM && fact.type() != FactType.TEXT) {
                    throw fail(base + ".op", "in 只用于 enum 或 text 事实", "in is for enum or text facts");
                }
                List<String> values = strings(c, field);
                if (values.isEmpty()) {
                    throw fail(field, "须为非空列表", "must be a non-empty list");
                }
                for (int i = 0; i < values.size(); i++) {
                    allowedValue(fact, values.get(i), field + "[" + i + "]");
                }
                value = Ref.literal(values);
            } else if (v.isBoolean()) {
                if (fact.type() != FactType.BOOLEAN) {
                    throw fail(field, factName + " 不是布尔事实", factName + " is not a boolean fact");
                }
                value = Ref.literal(v.asBoolean());
            } else if (v.isTextual() && v.asText().startsWith("$")) {
                if (!fact.type().numeric()) {
                    throw fail(field, "参数只与数值事实比较", "a parameter compares with a numeric fact only");
                }
                value = ref(c, field, Kind.DECIMAL);
            } else if (v.isTextual()) {
                if (fact.type().numeric()) {
                    value = Ref.literal(decimal(v, field));
                } else if (fact.type() == FactType.ENUM || fact.type() == FactType.TEXT) {
                    allowedValue(fact, v.asText(), field);
                    value = Ref.literal(v.asText());
                } else {
                    throw fail(
                            field,
                            "与 " + lower(fact.type()) + " 事实比较的值不对",
                            "a wrong value for a " + lower(fact.type()) + " fact");
                }
            } else {
                throw fail(field, "须为参数、布尔值、文字或列表", "must be a parameter, a boolean, a text or a list");
            }
            return new Condition(factName, op, value);
        }

        private void allowedValue(FactDef fact, String value, String field) {
            if (fact.type() == FactType.ENUM && !fact.values().contains(value)) {
                throw fail(
                        field,
                        value + " 不是 " + fact.name() + " 的取值 " + fact.values(),
                        value + " is not a value of " + fact.name() + " " + fact.values());
            }
        }

        private static String lower(FactType type) {
            return type.name().toLowerCase();
        }

        // ---- awards ---------------------------------------------------------------------------------

        private AwardRule award(JsonNode a, String base, boolean part) {
            if (a.isMissingNode() || a.isNull()) {
                if (part) {
                    throw fail(base, "缺少", "missing");
                }
                return new CaseByCaseAward();
            }
            if (!a.isObject()) {
                throw fail(base, "须为映射", "must be a mapping");
            }
            String kind = text(a, base + ".kind");
            Set<String> extra = part ? PART_FIELDS : Set.of();
            AwardRule rule = switch (kind) {
                case "rate" -> {
                    fields(a, base, extra, "kind", "cap", "base", "rate");
                    yield new RateAward(numericFact(a, base + ".base"), ref(a, base + ".rate", Kind.DECIMAL));
                }
                case "fixed" -> {
                    fields(a, base, extra, "kind", "cap", "amount");
                    yield new FixedAward(ref(a, base + ".amount", Kind.DECIMAL));
                }
                case "tiers" -> {
                    fields(a, base, extra, "kind", "cap", "by", "table");
                    yield tiers(a, base);
                }
                case "brackets" -> {
                    fields(a, base, extra, "kind", "cap", "base", "table", "uplift", "uplift_if_any");
                    yield brackets(a, base);
                }
                case "none" -> {
                    if (part) {
                        throw fail(base + ".kind", "合计的部分须有金额", "a part of a sum has an amount");
                    }
                    fields(a, base, extra, "kind");
                    yield new CaseByCaseAward();
                }
                case "sum" -> {
                    if (part) {
                        throw fail(base + ".kind", "合计不能嵌套", "a sum does not nest");
                    }
                    fields(a, base, extra, "kind", "cap", "parts");
                    yield sum(a, base);
                }
                default -> throw fail(base + ".kind", "未知的金额规则 " + kind, "unknown award kind " + kind);
            };
            Ref<BigDecimal> cap = optionalRef(a, base + ".cap", Kind.DECIMAL);
            return cap == null ? rule : new CappedAward(rule, cap);
        }

        private void fields(JsonNode a, String base, Set<String> extra, String... own) {
            Set<String> allowed = new LinkedHashSet<>(List.of(own));
            allowed.addAll(extra);
            only(a, base, allowed);
        }

        private AwardRule tiers(JsonNode a, String base) {
            String by = factName(a, base + ".by");
            FactDef fact = facts.get(by);
            Parameter<TierTable> table = parameter(tableName(a, base + ".table"), base + ".table", Kind.TIERS);
            for (DatedValue<TierTable> v : table.values()) {
                if (v.value().byKey()) {
                    if (fact.type() != FactType.ENUM && fact.type() != FactType.TEXT) {
                        throw fail(base + ".by", "按取值分档的事实须为 enum 或 text", "tiers by key need an enum or text fact");
                    }
                    for (TierTable.Tier t : v.value().tiers()) {
                        allowedValue(fact, t.key(), base + ".table");
                    }
                } else if (!fact.type().numeric()) {
                    throw fail(base + ".by", "按门槛分档的事实须为数值", "tiers by threshold need a numeric fact");
                }
            }
            return new TiersAward(by, Ref.to(table));
        }

        private String tableName(JsonNode a, String field) {
            JsonNode v = a.path(leaf(field));
            if (!v.isTextual() || !v.asText().startsWith("$")) {
                throw fail(field, "须为参数引用 $名称", "must name a parameter as $name");
            }
            return v.asText().substring(1);
        }

        private AwardRule brackets(JsonNode a, String base) {
            String fact = numericFact(a, base + ".base");
            Ref<BracketTable> table = ref(a, base + ".table", Kind.BRACKETS);
            Ref<BigDecimal> uplift = optionalRef(a, base + ".uplift", Kind.DECIMAL);
            List<String> upliftIfAny = strings(a, base + ".uplift_if_any");
            if ((uplift == null) != upliftIfAny.isEmpty()) {
                throw fail(
                        base + (uplift == null ? ".uplift_if_any" : ".uplift"),
                        "uplift 与 uplift_if_any 须同时出现",
                        "uplift and uplift_if_any go together");
            }
            for (int i = 0; i < upliftIfAny.size(); i++) {
                String field = base + ".uplift_if_any[" + i + "]";
                if (fact(upliftIfAny.get(i), field).type() != FactType.BOOLEAN) {
                    throw fail(field, upliftIfAny.get(i) + " 须为布尔事实", upliftIfAny.get(i) + " must be a boolean fact");
                }
            }
            return new BracketsAward(fact, table, uplift, upliftIfAny);
        }

        private AwardRule sum(JsonNode a, String base) {
            JsonNode ps = a.path("parts");
            if (!ps.isArray() || ps.isEmpty()) {
                throw fail(base + ".parts", "须为非空列表", "must be a non-empty list");
            }
            List<SumAward.Part> parts = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                String at = base + ".parts[" + i + "]";
                JsonNode p = ps.get(i);
                AwardRule award = award(p, at, true);
                boolean oncePerYear = bool(p, at + ".once_per_year", false);
                boolean onceEver = bool(p, at + ".once_ever", false);
                Condition condition = p.has("condition") ? condition(p.path("condition"), at + ".condition") : null;
                if ((oncePerYear || onceEver) && condition == null) {
                    throw fail(
                            at + (oncePerYear ? ".once_per_year" : ".once_ever"),
                            "须有 condition：以它判断是否已享受",
                            "needs a condition: it tells whether the part was already paid");
                }
                if (oncePerYear && onceEver) {
                    throw fail(
                            at + ".once_ever",
                            "once_per_year 与 once_ever 只取其一",
                            "once_per_year or once_ever, not both");
                }
                String per = null;
                if (p.has("per")) {
                    per = factName(p, at + ".per");
                    if (!facts.get(per).type().countable()) {
                        throw fail(at + ".per", per + " 须为整数或列表事实", per + " must be an integer or list fact");
                    }
                }
                parts.add(new SumAward.Part(
                        award, bool(p, at + ".when_first", false), oncePerYear, onceEver, condition, per));
            }
            return new SumAward(parts);
        }

        // ---- limits ---------------------------------------------------------------------------------

        private LimitRule limit(JsonNode l, String base, String code) {
            if (!l.isObject()) {
                throw fail(base, "须为映射", "must be a mapping");
            }
            String kind = text(l, base + ".kind");
            return switch (kind) {
                case "once" -> {
                    only(l, base, Set.of("kind", "per"));
                    List<String> per = strings(l, base + ".per");
                    for (int i = 0; i < per.size(); i++) {
                        fact(per.get(i), base + ".per[" + i + "]");
                    }
                    yield new OnceLimit(per);
                }
                case "annual_cap" -> {
                    only(l, base, Set.of("kind", "amount"));
                    yield new AnnualCapLimit(ref(l, base + ".amount", Kind.DECIMAL));
                }
                case "cumulative_cap" -> {
                    only(l, base, Set.of("kind", "per", "amount"));
                    yield new CumulativeCapLimit(factName(l, base + ".per"), ref(l, base + ".amount", Kind.DECIMAL));
                }
                case "combined_cap" -> {
                    only(l, base, Set.of("kind", "amount"));
                    yield new CombinedCapLimit(ref(l, base + ".amount", Kind.DECIMAL));
                }
                case "exclusive_group" -> {
                    only(l, base, Set.of("kind", "group", "per"));
                    String group = text(l, base + ".group");
                    yield new ExclusiveGroupLimit(
                            group, factName(l, base + ".per"), groups.getOrDefault(group, Set.of(code)));
                }
                case "annual_count" -> {
                    only(l, base, Set.of("kind", "max"));
                    Ref<BigDecimal> max = ref(l, base + ".max", Kind.DECIMAL);
                    if (max.parameter().unit() != Unit.COUNT) {
                        throw fail(base + ".max", "次数参数的单位须为 count", "a number of awards is a parameter in count");
                    }
                    yield new AnnualCountLimit(max);
                }
                case "distinct" -> {
                    only(l, base, Set.of("kind", "per", "scope"));
                    String scope = l.has("scope") ? text(l, base + ".scope") : "year";
                    DistinctLimit.Scope s = switch (scope) {
                        case "year" -> DistinctLimit.Scope.YEAR;
                        case "ever" -> DistinctLimit.Scope.EVER;
                        default -> throw fail(base + ".scope", "范围须为 year 或 ever", "the scope is year or ever");
                    };
                    yield new DistinctLimit(factName(l, base + ".per"), s);
                }
                default -> throw fail(base + ".kind", "未知的限额规则 " + kind, "unknown limit kind " + kind);
            };
        }

        private Staging staging(boolean staged) {
            JsonNode s = node.path("staging");
            boolean present = !(s.isMissingNode() || s.isNull());
            if (staged != present) {
                throw fail(
                        "staging",
                        staged ? "有 STAGED 标记的项目须有分期计划" : "没有 STAGED 标记的项目不分期（staging: null）",
                        staged
                                ? "a STAGED programme has a staging plan"
                                : "a programme without STAGED has staging: null");
            }
            if (!present) {
                return null;
            }
            if (!s.isObject()) {
                throw fail("staging", "须为映射", "must be a mapping");
            }
            only(s, "staging", Set.of("plan"));
            return new Staging(ref(s, "staging.plan", Kind.STAGES));
        }
    }
}
