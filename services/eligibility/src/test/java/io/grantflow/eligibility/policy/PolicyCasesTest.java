package io.grantflow.eligibility.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.grantflow.eligibility.application.CatalogueLoader;
import io.grantflow.eligibility.domain.Applicant;
import io.grantflow.eligibility.domain.BadInputException;
import io.grantflow.eligibility.domain.Evaluation;
import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The case runner of CASES.md: runs the project's own cases ({@code src/test/resources/cases})
 * and, with {@code -Dpolicy.cases.dir=DIR}, every {@code *.yaml} under DIR as well. Each case is its own
 * test, named after the case; one that does not match fails with file, name, what was expected, what came out.
 */
class PolicyCasesTest {
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectMapper PLAIN =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final Evaluator evaluator = new Evaluator(CatalogueLoader.loadFromClasspath());

    /** One container per file, one test per case, named after it: a report lists every case that failed. */
    @TestFactory
    Stream<DynamicContainer> everyPolicyCaseGivesTheExpectedOutcome() throws IOException {
        List<Path> files = new ArrayList<>(yamlFiles(Path.of("src/test/resources/cases")));
        String external = System.getProperty("policy.cases.dir");
        if (external != null && !external.isBlank()) {
            Path dir = Path.of(external);
            assertThat(dir).as("policy.cases.dir").isDirectory();
            files.addAll(yamlFiles(dir));
        }
        List<DynamicContainer> containers = new ArrayList<>();
        int count = 0;
        for (Path file : files) {
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode c : YAML.readTree(file.toFile()).path("cases")) {
                String name = c.path("name").asText();
                assertThat(name).as("every case in %s has a name", file).isNotBlank();
                tests.add(DynamicTest.dynamicTest(name, file.toUri(), () -> {
                    String outcome = run(c);
                    if (outcome != null) {
                        throw new AssertionError(file.getFileName() + " | " + name + " | " + outcome);
                    }
                }));
            }
            count += tests.size();
            containers.add(
                    DynamicContainer.dynamicContainer(file.getFileName().toString(), file.toUri(), tests.stream()));
        }
        assertThat(count).as("policy cases found").isPositive();
        return containers.stream();
    }

    /** Null when the case matches; otherwise "expected …, got …". */
    private String run(JsonNode c) {
        JsonNode expect = c.path("expect");
        JsonNode a = c.path("applicant");
        Evaluation result;
        try {
            result = evaluator.evaluate(
                    c.path("programme").asText(),
                    LocalDate.parse(c.path("as_of").asText()),
                    new Applicant(
                            a.path("id").asText(),
                            a.path("kind").asText("enterprise"),
                            a.path("district").asText()),
                    map(c.path("facts")),
                    history(c.path("history")));
        } catch (BadInputException e) {
            return expect.has("error") && expect.path("error").asText().equals(e.code())
                    ? null
                    : "expected " + expectation(expect) + ", got error " + e.code();
        } catch (RuntimeException e) {
            return "expected " + expectation(expect) + ", got exception " + e;
        }
        if (expect.has("error")) {
            return "expected error " + expect.path("error").asText() + ", got " + describe(result);
        }
        List<String> problems = new ArrayList<>();
        if (expect.has("eligible") && expect.path("eligible").asBoolean() != result.eligible()) {
            problems.add("eligible");
        }
        if (expect.has("ceiling")) {
            JsonNode ceiling = expect.path("ceiling");
            String got = result.ceiling().map(BigDecimal::toPlainString).orElse(null);
            boolean absentExpected = ceiling.isNull() || (!result.eligible() && "0.00".equals(ceiling.asText()));
            if (absentExpected
                    ? got != null && !"0.00".equals(got)
                    : !ceiling.asText().equals(got)) {
                problems.add("ceiling");
            }
        }
        for (JsonNode flag : expect.path("flags")) {
            if (!result.flags().contains(flag.asText())) {
                problems.add("flags");
            }
        }
        for (JsonNode reason : expect.path("reasons")) {
            if (result.reasons().stream().map(ReasonCode::name).noneMatch(reason.asText()::equals)) {
                problems.add("reasons");
            }
        }
        return problems.isEmpty() ? null : "expected " + expectation(expect) + ", got " + describe(result);
    }

    private static String expectation(JsonNode expect) {
        return expect.toString();
    }

    private static String describe(Evaluation e) {
        return "{eligible: " + e.eligible() + ", ceiling: "
                + e.ceiling().map(BigDecimal::toPlainString).orElse("—") + ", flags: " + e.flags() + ", reasons: "
                + e.reasons() + "}";
    }

    private static Map<String, Object> map(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> result.put(e.getKey(), PLAIN.convertValue(e.getValue(), Object.class)));
        return result;
    }

    private static List<HistoryItem> history(JsonNode node) {
        List<HistoryItem> items = new ArrayList<>();
        for (JsonNode h : node) {
            items.add(new HistoryItem(
                    h.path("programme").asText(),
                    h.path("policy").asText(HistoryItem.THIS_POLICY),
                    LocalDate.parse(h.path("as_of").asText()),
                    new BigDecimal(h.path("amount").asText("0")),
                    map(h.path("facts"))));
        }
        return items;
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }
}
