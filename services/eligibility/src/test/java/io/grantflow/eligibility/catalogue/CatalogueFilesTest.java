package io.grantflow.eligibility.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.grantflow.eligibility.application.CatalogueLoader;
import io.grantflow.eligibility.domain.catalogue.Award;
import io.grantflow.eligibility.domain.catalogue.Condition;
import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.Limit;
import io.grantflow.eligibility.domain.catalogue.Parameter;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every catalogue file is valid against the catalogue's own schema and internally consistent. */
class CatalogueFilesTest {
    private static final Path DIR = Path.of("src/main/resources/catalogue");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void everyProgrammeFileAndThePolicyFileMatchTheirSchema() throws IOException {
        JsonSchema programmeSchema = SCHEMAS.getSchema(Files.readString(DIR.resolve("programme.schema.json")));
        JsonSchema policySchema = SCHEMAS.getSchema(Files.readString(DIR.resolve("policy.schema.json")));
        assertThat(policySchema.validate(YAML.readTree(DIR.resolve("policy.yaml").toFile()))).as("policy.yaml").isEmpty();
        List<String> errors = new ArrayList<>();
        for (Path file : programmeFiles()) {
            JsonNode node = YAML.readTree(file.toFile());
            programmeSchema.validate(node).forEach(m -> errors.add(file.getFileName() + ": " + m.getMessage()));
            assertThat(node.path("code").asText() + ".yaml").as("file name of " + file).isEqualTo(file.getFileName().toString());
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void theProgrammeListNamesExactlyTheFilesOfTheFolder() throws IOException {
        Set<String> listed = new TreeSet<>(CatalogueLoader.programmeFiles());
        Set<String> present = programmeFiles().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(present);
    }

    @Test
    void everyParameterARuleNamesExistsWithAValueFromTheFirstDayAndAReference() {
        Policy policy = CatalogueLoader.loadFromClasspath();
        assertThat(policy.allProgrammes()).hasSizeGreaterThanOrEqualTo(40);
        List<String> problems = new ArrayList<>();
        for (ProgrammeDef p : policy.allProgrammes()) {
            for (String ref : references(p)) {
                Parameter parameter = p.parameters().containsKey(ref) ? p.parameters().get(ref) : policy.parameters().get(ref);
                if (parameter == null) {
                    problems.add(p.code() + ": no parameter " + ref);
                } else if (parameter.at(policy.validFrom()).isEmpty()) {
                    problems.add(p.code() + ": " + ref + " has no value on " + policy.validFrom());
                }
            }
            for (Parameter parameter : p.parameters().values()) {
                for (DatedValue v : parameter.values()) {
                    if (v.reference() == null || v.reference().isBlank()) {
                        problems.add(p.code() + ": " + parameter.name() + " from " + v.from() + " has no reference");
                    }
                }
            }
            for (String fact : factsUsed(p)) {
                if (p.fact(fact).isEmpty()) {
                    problems.add(p.code() + ": rule uses undeclared fact " + fact);
                }
            }
            if (p.administered()) {
                assertThat(p.departments()).as(p.code() + " departments").isNotEmpty();
                assertThat(p.beneficiaryKinds()).as(p.code() + " beneficiary kinds").isNotEmpty();
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<Path> programmeFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR.resolve("programmes"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Set<String> references(ProgrammeDef p) {
        Set<String> refs = new TreeSet<>();
        for (Condition c : p.conditions()) {
            addRef(refs, c.value());
        }
        collect(p.award(), refs);
        for (Limit l : p.limits()) {
            if (l instanceof Limit.AnnualCap a) {
                addRef(refs, a.amount());
            } else if (l instanceof Limit.CumulativeCap c) {
                addRef(refs, c.amount());
            } else if (l instanceof Limit.CombinedCap c) {
                addRef(refs, c.amount());
            } else if (l instanceof Limit.AnnualCount c) {
                addRef(refs, c.max());
            }
        }
        addRef(refs, p.stagingPlan());
        return refs;
    }

    private static void collect(Award award, Set<String> refs) {
        addRef(refs, award.cap());
        if (award instanceof Award.Rate r) {
            addRef(refs, r.rate());
        } else if (award instanceof Award.Fixed f) {
            addRef(refs, f.amount());
        } else if (award instanceof Award.Tiers t) {
            addRef(refs, t.table());
        } else if (award instanceof Award.Brackets b) {
            addRef(refs, b.table());
            addRef(refs, b.uplift());
        } else if (award instanceof Award.Sum s) {
            for (Award.Part part : s.parts()) {
                collect(part.award(), refs);
                if (part.condition() != null) {
                    addRef(refs, part.condition().value());
                }
            }
        }
    }

    private static Set<String> factsUsed(ProgrammeDef p) {
        Set<String> facts = new TreeSet<>();
        p.conditions().forEach(c -> facts.add(c.fact()));
        addFacts(p.award(), facts);
        for (Limit l : p.limits()) {
            if (l instanceof Limit.Once o) {
                facts.addAll(o.per());
            } else if (l instanceof Limit.CumulativeCap c) {
                facts.add(c.per());
            } else if (l instanceof Limit.ExclusiveGroup g) {
                facts.add(g.per());
            } else if (l instanceof Limit.Distinct d) {
                facts.add(d.per());
            }
        }
        return facts;
    }

    private static void addFacts(Award award, Set<String> facts) {
        if (award instanceof Award.Rate r) {
            facts.add(r.base());
        } else if (award instanceof Award.Tiers t) {
            facts.add(t.by());
        } else if (award instanceof Award.Brackets b) {
            facts.add(b.base());
            if (b.upliftIfAny() != null) {
                facts.addAll(b.upliftIfAny());
            }
        } else if (award instanceof Award.Sum s) {
            for (Award.Part part : s.parts()) {
                addFacts(part.award(), facts);
                if (part.condition() != null) {
                    facts.add(part.condition().fact());
                }
                if (part.per() != null) {
                    facts.add(part.per());
                }
            }
        }
    }

    private static void addRef(Set<String> refs, Object value) {
        if (value instanceof String s && s.startsWith("$")) {
            refs.add(s.substring(1));
        }
    }
}
