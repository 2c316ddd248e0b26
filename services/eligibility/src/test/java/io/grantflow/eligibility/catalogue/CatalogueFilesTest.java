package io.grantflow.eligibility.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.eligibility.application.CatalogueLoader;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every catalogue file is valid against the catalogue's own schema and internally consistent. */
class CatalogueFilesTest {
    private static final Path DIR = Path.of("src/main/resources/catalogue");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void everyProgrammeFileAndThePolicyFileMatchTheirSchema() throws IOException {
        JsonSchema programmeSchema = SCHEMAS.getSchema(Files.readString(DIR.resolve("programme.schema.json")));
        JsonSchema policySchema = SCHEMAS.getSchema(Files.readString(DIR.resolve("policy.schema.json")));
        assertThat(policySchema.validate(
                        YAML.readTree(DIR.resolve("policy.yaml").toFile())))
                .as("policy.yaml")
                .isEmpty();
        List<String> errors = new ArrayList<>();
        for (Path file : programmeFiles()) {
            JsonNode node = YAML.readTree(file.toFile());
            programmeSchema.validate(node).forEach(m -> errors.add(file.getFileName() + ": " + m.getMessage()));
            assertThat(node.path("code").asText() + ".yaml")
                    .as("file name of " + file)
                    .isEqualTo(file.getFileName().toString());
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void theProgrammeListNamesExactlyTheFilesOfTheFolder() throws IOException {
        Set<String> listed = new TreeSet<>(CatalogueLoader.programmeFiles());
        Set<String> present = programmeFiles().stream()
                .map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(present);
    }

    /**
     * The loader itself refuses an unknown parameter, operator or fact, tables out of order and codes
     * outside the vocabulary (CatalogueLoaderTest feeds it broken files); here: the shipped catalogue
     * passes all of that, with every programme of the folder.
     */
    @Test
    void theShippedCatalogueLoadsWithEveryProgrammeOfTheFolder() throws IOException {
        Policy policy = CatalogueLoader.loadFromClasspath();
        assertThat(policy.allProgrammes())
                .hasSizeGreaterThanOrEqualTo(40)
                .hasSize(programmeFiles().size());
        for (ProgrammeDef p : policy.allProgrammes()) {
            if (p.administered()) {
                assertThat(p.departments()).as(p.code() + " departments").isNotEmpty();
                assertThat(p.beneficiaryKinds())
                        .as(p.code() + " beneficiary kinds")
                        .isNotEmpty();
            }
        }
        assertThat(policy.districts().keySet()).isEqualTo(Vocabulary.DISTRICT_CODES);
        assertThat(policy.departments().keySet()).isEqualTo(Vocabulary.DEPARTMENT_CODES);
    }

    private static List<Path> programmeFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR.resolve("programmes"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
