package io.grantflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the formatter does not enforce: names are imported, not written out in full inside code
 * (a fully qualified name in a statement hides a dependency from the import list a reader scans).
 */
class SourceStyleTest {
    private static final Pattern INLINE_QUALIFIED =
            Pattern.compile("(?<![\\w.\"])(?:java|javax|jakarta|io|org|com)(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*");

    @Test
    void noFullyQualifiedNameInsideCode() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.root())) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !Repo.root()
                            .relativize(p)
                            .toString()
                            .matches("(^|.*/)(target|node_modules|\\.run|\\.git)/.*"))
                    .toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("import ")
                            || line.startsWith("package ")
                            || line.startsWith("*")
                            || line.startsWith("//")
                            || line.startsWith("/*")) {
                        continue;
                    }
                    // string literals may name classes (reflection, configuration keys)
                    String code = line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
                    if (INLINE_QUALIFIED.matcher(code).find()) {
                        found.add(Repo.root().relativize(file) + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
