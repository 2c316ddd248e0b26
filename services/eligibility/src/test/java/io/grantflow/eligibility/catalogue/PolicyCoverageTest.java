package io.grantflow.eligibility.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.grantflow.eligibility.application.CatalogueLoader;
import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.Parameter;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.domain.rules.LimitRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/policy-coverage.md} is generated from the catalogue and the cases; this test fails
 * when it is stale. Regenerate with {@code -Dgrantflow.coverage.update=true}.
 */
class PolicyCoverageTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theCoveragePageIsUpToDate() throws IOException {
        String page = render(CatalogueLoader.loadFromClasspath(), caseCounts());
        Path file = Path.of(System.getProperty("grantflow.root", "../..")).resolve("docs/policy-coverage.md");
        if (Boolean.getBoolean("grantflow.coverage.update")) {
            Files.writeString(file, page, StandardCharsets.UTF_8);
        }
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("docs/policy-coverage.md is stale: rerun with -Dgrantflow.coverage.update=true and commit it")
                .isEqualTo(page);
    }

    @Test
    void everyProgrammeHasAtLeastThreeCases() throws IOException {
        Map<String, Integer> counts = caseCounts();
        for (ProgrammeDef p : CatalogueLoader.loadFromClasspath().allProgrammes()) {
            assertThat(counts.getOrDefault(p.code(), 0))
                    .as("cases of " + p.code())
                    .isGreaterThanOrEqualTo(3);
        }
    }

    static Map<String, Integer> caseCounts() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/cases"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (JsonNode c : YAML.readTree(f.toFile()).path("cases")) {
                    counts.merge(c.path("programme").asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    static String render(Policy policy, Map<String, Integer> cases) {
        StringBuilder out = new StringBuilder();
        out.append("# Policy coverage\n\n")
                .append("Generated from `services/eligibility/src/main/resources/catalogue` and the cases in\n")
                .append(
                        "`services/eligibility/src/test/resources/cases` by `PolicyCoverageTest`; do not edit by hand.\n\n")
                .append("Catalogue version ")
                .append(policy.version())
                .append(", policy in force ")
                .append(policy.validFrom())
                .append(" to ")
                .append(policy.validTo())
                .append(".\n\n")
                .append("| programme | name | clause | rule kinds | defaults | cases |\n")
                .append("|---|---|---|---|---|---|\n");
        policy.allProgrammes().stream()
                .sorted(Comparator.comparingInt(ProgrammeDef::section).thenComparing(ProgrammeDef::code))
                .forEach(p -> out.append("| `")
                        .append(p.code())
                        .append("` | ")
                        .append(p.name().zh())
                        .append(" | ")
                        .append(cell(p.reference()))
                        .append(" | ")
                        .append(String.join(", ", kinds(p)))
                        .append(" | ")
                        .append(cell(defaults(p)))
                        .append(" | ")
                        .append(cases.getOrDefault(p.code(), 0))
                        .append(" |\n"));
        return out.toString();
    }

    private static String cell(String text) {
        return text == null || text.isBlank() ? "—" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static Set<String> kinds(ProgrammeDef p) {
        Set<String> kinds = new TreeSet<>();
        if (!p.administered()) {
            kinds.add("not administered");
            return kinds;
        }
        kinds.addAll(p.award().kinds());
        if (!p.conditions().isEmpty()) {
            kinds.add("thresholds");
        }
        for (LimitRule l : p.limits()) {
            kinds.add(l.kind());
        }
        if (p.staging() != null) {
            kinds.add("staged");
        }
        if (p.facts().stream().anyMatch(f -> f.name().equals("project_ref"))) {
            kinds.add("no double dipping (G3)");
        }
        p.flags().forEach(f -> kinds.add(f));
        return kinds;
    }

    private static String defaults(ProgrammeDef p) {
        return p.parameters().values().stream()
                .sorted(Comparator.comparing(Parameter<?>::name))
                .flatMap(param ->
                        param.values().stream().filter(DatedValue::isDefault).map(v -> param.name()))
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
