package io.grantflow.eligibility.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grantflow.eligibility.application.CatalogueException;
import io.grantflow.eligibility.application.CatalogueLoader;
import io.grantflow.eligibility.domain.catalogue.Policy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A broken catalogue stops the service at start with the file and the field: the shipped files,
 * one of them changed in one place, must fail to load with that file and field named.
 */
class CatalogueLoaderTest {
    private static final Path DIR = Path.of("src/main/resources/catalogue");

    /** The shipped catalogue with {@code file}'s text {@code from} replaced by {@code to}. */
    private static Policy load(String file, String from, String to) {
        return new CatalogueLoader(path -> {
                    Path p = DIR.resolve(path.substring(CatalogueLoader.ROOT.length()));
                    if (!Files.exists(p)) {
                        return null;
                    }
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    if (path.equals(CatalogueLoader.ROOT + file)) {
                        assertThat(text).as("the snippet to break in " + file).contains(from);
                        text = text.replace(from, to);
                    }
                    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
                })
                .load();
    }

    private static CatalogueException failure(String file, String from, String to) {
        CatalogueException e = catchThrowableOfType(CatalogueException.class, () -> load(file, from, to));
        assertThat(e).as("loading %s with %s replaced by %s", file, from, to).isNotNull();
        return e;
    }

    /** 免申即享 (ADR 0020): the programmes a government record proves, as issue 10 point 7 names them. */
    @Test
    void theShippedCatalogueMarksTheProgrammesAGovernmentRecordProves() {
        Policy policy = load("policy.yaml", "id:", "id:");
        Map<String, String> proven = new TreeMap<>();
        policy.programmes().forEach((code, p) -> {
            if (p.proactive() != null) {
                proven.put(code, p.proactive().recordKind());
            }
        });
        assertThat(proven)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "S1-SINGLE-CHAMPION", "honour_list",
                        "S1-SRDI", "honour_list",
                        "S1-SOFTWARE-QUAL", "qualification",
                        "S6-ALGORITHM-FILING", "filing",
                        "S6-GENAI-FILING", "filing"));
        assertThat(policy.programmes().get("S6-GENAI-FILING").proactive().presetFacts())
                .isEqualTo(Map.of("adopters", List.of()));
    }

    @Test
    void theTextsOverridesAreTheCataloguesEachWithItsClause() {
        Policy policy = load("policy.yaml", "id:", "id:");
        Map<String, String> allowed = new TreeMap<>();
        policy.programmes()
                .forEach((code, p) -> p.overrides().forEach(o -> {
                    allowed.put(code, o.kind());
                    assertThat(o.reference()).as(code).startsWith(p.reference().substring(0, 2));
                }));
        // 特别重大的项目可适当上浮; 重大平台“一事一议”; 重点项目可“一事一议”: nowhere else
        assertThat(allowed)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "S3-KEY-TECH-RD", "MAJOR_RD_PROJECT",
                        "S3-CARRIER-PLATFORM", "MAJOR_CARRIER_PLATFORM",
                        "S4-COMPUTE-CLUSTER", "KEY_COMPUTE_PROJECT"));
    }

    @Test
    void theShippedFilesLoadThroughTheSameSource() {
        Policy policy = load("policy.yaml", "id:", "id:");
        assertThat(policy.programmes()).containsKey("S4-EDGE-COMPUTE");
    }

    @ParameterizedTest(name = "{0}: {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            programmes/S4-EDGE-COMPUTE.yaml | rate: $rate | rate: $ratio | award.rate | unknown parameter $ratio
            programmes/S1-REVENUE-MILESTONE.yaml | table: $tiers | table: $cap | award.table | parameter $cap is a number, here it must be a tier table
            programmes/S1-INDUSTRIALIZATION.yaml | op: ">=" | op: "=>" | conditions[0].op | unknown operator =>
            programmes/S1-INDUSTRIALIZATION.yaml | {fact: has_sales, op: "==", value: true} | {fact: has_sale, op: "==", value: true} | conditions[1].fact | the rule uses fact has_sale, which the programme does not declare
            programmes/S4-EDGE-COMPUTE.yaml | base: edge_purchase_cost | base: edge_cost | award.base | the rule uses fact edge_cost
            programmes/S1-INDUSTRIALIZATION.yaml | {fact: has_sales, op: "==", value: true} | {fact: has_sales, op: ">=", value: $rate} | conditions[1].op | operator >= compares numbers, has_sales is boolean
            programmes/S1-SINGLE-CHAMPION.yaml | {fact: level, op: "==", value: product} | {fact: level, op: "==", value: products} | facts[1].required_when.value | products is not a value of level
            programmes/S1-REVENUE-MILESTONE.yaml | {min: "100000000", amount: "2000000.00"} | {min: "10000000", amount: "2000000.00"} | parameters.tiers.values[0].value | tiers out of order at index 1
            programmes/S5-COMPUTE-VOUCHER.yaml | {upto: "5000000", rate: "0.20"} | {upto: "500000", rate: "0.20"} | parameters.brackets.values[0].value | brackets out of order at index 1
            programmes/S3-NATIONAL-KEY-LAB.yaml | {year: 3, share: "0.25", condition: MILESTONE} | {year: 3, share: "0.35", condition: MILESTONE} | parameters.stages.values[0].value | the shares add up to 1.10, not 1
            programmes/S3-NATIONAL-KEY-LAB.yaml | {year: 3, share: "0.25", condition: MILESTONE} | {year: 1, share: "0.25", condition: MILESTONE} | parameters.stages.values[0].value | stages out of order at index 3
            programmes/S3-NATIONAL-KEY-LAB.yaml | {year: 3, share: "0.25", condition: MILESTONE} | {year: 3, share: "0.25", condition: LATER} | parameters.stages.values[0].value[3].condition | must be NONE, FISCAL_YEAR_START or MILESTONE
            programmes/S4-EDGE-COMPUTE.yaml | departments: [industry] | departments: [industri] | departments[0] | unknown department industri (not in contracts' Vocabulary)
            programmes/S4-EDGE-COMPUTE.yaml | beneficiary_kinds: [enterprise, park_operator] | beneficiary_kinds: [enterprise, park] | beneficiary_kinds[1] | unknown beneficiary kind park
            policy.yaml | value: [liangxi, xishan, huishan, binhu, xinwu, jingkai] | value: [liangxi, xishan, huishan, binhu, xinwu, jingkai, wuxi] | parameters.jurisdiction.values[0].value[6] | unknown district wuxi (not in contracts' Vocabulary)
            policy.yaml | parameters: | districts: {liangxi: {zh: 梁溪区, en: Liangxi}}\\nparameters: | districts | these codes are contracts' Vocabulary
            programmes/S2-MAJOR-PROJECT-BLOCK.yaml | values_from: districts | values: [yixing, jiangyin, jingkai, xinwu, binhu, huishan, xishan, liangxi] | facts[0].values | this is the whole districts list: write values_from: districts
            programmes/S4-EDGE-COMPUTE.yaml | award: {kind: rate, | award: {kind: ratio, | award.kind | unknown award kind ratio
            programmes/S3-NATIONAL-KEY-LAB.yaml | kind: cumulative_cap, per: lab_ref | kind: cumulative_limit, per: lab_ref | limits[0].kind | unknown limit kind cumulative_limit
            programmes/S3-NATIONAL-KEY-LAB.yaml | kind: cumulative_cap, per: lab_ref | kind: cumulative_cap, per: lab_id | limits[0].per | the rule uses fact lab_id
            programmes/S4-EDGE-COMPUTE.yaml | base: edge_purchase_cost, rate: $rate | bse: edge_purchase_cost, rate: $rate | award.bse | unknown field
            programmes/S4-EDGE-COMPUTE.yaml | value: "0.30" | value: 0.30 | parameters.rate.values[0].value | must be a decimal written as a text
            programmes/S4-EDGE-COMPUTE.yaml | from: 2025-05-23\\n        value: "0.30" | from: 2026-01-01\\n        value: "0.30" | award.rate | parameter $rate has no value in force on the policy's first day 2025-05-23
            programmes/S4-EDGE-COMPUTE.yaml | flags: [] | flags: [STAGED] | staging | a STAGED programme has a staging plan
            programmes/S1-SRDI.yaml | record_kind: honour_list | record_kind: honours | proactive.record_kind | the record kind is one of
            programmes/S1-SRDI.yaml | record_facts: [honour_level] | record_facts: [level] | proactive | not a fact of S1-SRDI: level
            programmes/S1-SRDI.yaml | record_facts: [honour_level] | record_facts: [] | proactive.record_facts | leave out the required fact honour_level
            programmes/S6-GENAI-FILING.yaml | preset_facts: {adopters: []} | preset_facts: {adopter: []} | proactive | not a fact of S6-GENAI-FILING: adopter
            programmes/S3-KEY-TECH-RD.yaml | {kind: MAJOR_RD_PROJECT, | {kind: MAJOR_PROJECT, | overrides[0].kind | the kind is one of
            programmes/S3-KEY-TECH-RD.yaml | - {kind: MAJOR_RD_PROJECT, | - {kind: MAJOR_RD_PROJECT, reference: "again"}\\n  - {kind: MAJOR_RD_PROJECT, | overrides[1].kind | given twice: MAJOR_RD_PROJECT
            programmes/S3-KEY-TECH-RD.yaml | {kind: MAJOR_RD_PROJECT, reference: | {kind: MAJOR_RD_PROJECT, clause: | overrides[0].clause | unknown field
            """)
    void aBrokenCatalogueNamesTheFileAndTheField(String file, String from, String to, String field, String problem) {
        CatalogueException e = failure(file, unescape(from), unescape(to));

        assertThat(e.file()).isEqualTo(file);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage())
                .contains("catalogue file " + file + ": " + field + ": ")
                .contains(problem)
                .contains("目录文件 " + file + " 字段 " + field);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n");
    }

    @Test
    void aFileThatIsNotYamlIsNamed() {
        CatalogueException e = failure("programmes/S4-EDGE-COMPUTE.yaml", "code: S4-EDGE-COMPUTE", "code: [S4-EDGE");

        assertThat(e.file()).isEqualTo("programmes/S4-EDGE-COMPUTE.yaml");
        assertThat(e.getMessage()).contains("not valid YAML");
    }

    @Test
    void aListedFileThatIsMissingIsNamed() {
        CatalogueException e = failure("programmes.list", "S4-EDGE-COMPUTE.yaml", "S4-EDGE-COMPUTER.yaml");

        assertThat(e.file()).isEqualTo("programmes/S4-EDGE-COMPUTER.yaml");
        assertThat(e.getMessage()).contains("not on the classpath");
    }

    @Test
    void typedValuesAreReadBackAsTheFileWritesThem() {
        Policy policy = CatalogueLoader.loadFromClasspath();
        var rate =
                policy.programme("S4-EDGE-COMPUTE").orElseThrow().parameters().get("rate");
        assertThat(rate.values().get(0).data()).isEqualTo("0.30");
        var tiers = policy.programme("S1-REVENUE-MILESTONE")
                .orElseThrow()
                .parameters()
                .get("tiers");
        assertThat(tiers.values().get(0).data())
                .isEqualTo(List.of(
                        Map.of("min", "50000000", "amount", "1000000.00"),
                                Map.of("min", "100000000", "amount", "2000000.00"),
                        Map.of("min", "500000000", "amount", "5000000.00"),
                                Map.of("min", "1000000000", "amount", "10000000.00")));
    }
}
