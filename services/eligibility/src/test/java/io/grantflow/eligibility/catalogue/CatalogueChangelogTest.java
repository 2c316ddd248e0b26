package io.grantflow.eligibility.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.eligibility.application.CatalogueLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A catalogue version without a changelog entry is a change nobody can trace to the dates it touches. */
class CatalogueChangelogTest {
    private static final Path CHANGELOG = Path.of("src/main/resources/catalogue/CHANGELOG.md");
    private static final Pattern ENTRY = Pattern.compile("^## (\\S+) \\((\\d{4}-\\d{2}-\\d{2})\\)$", Pattern.MULTILINE);

    @Test
    void theCataloguesVersionHasAnEntryWithItsImpactedDatesProgrammesAndReference() throws IOException {
        String text = Files.readString(CHANGELOG);
        String version = CatalogueLoader.loadFromClasspath().version();
        Matcher m = ENTRY.matcher(text);
        List<String> versions = m.results().map(r -> r.group(1)).toList();
        assertThat(versions).as("changelog entries").contains(version);
        assertThat(versions.get(0))
                .as("the newest entry comes first and is the catalogue's version")
                .isEqualTo(version);
        String entry = text.substring(text.indexOf("## " + version + " ("));
        int next = entry.indexOf("\n## ", 1);
        entry = next < 0 ? entry : entry.substring(0, next);
        assertThat(entry).contains("Impacted dates", "Impacted programmes", "Reference", "Details");
    }
}
