package io.grantflow.applications.domain.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The state diagram in ADR 0017 and in docs/architecture.md is the table of ProcedureCommand:
 * every arrow is a transition the table allows, labelled with its command, and every transition
 * is drawn (withdrawal, allowed from eleven states, is drawn once and named in a note).
 */
class ProcedureDiagramTest {
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\[\\*]|\\w+) --> (\\[\\*]|\\w+)(?::\\s*(\\w+))?.*$");

    record Edge(String from, String to, String command) {}

    private static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/adr"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/adr not found above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    private static String stateDiagram(String file) throws IOException {
        String text = Files.readString(root().resolve(file));
        Matcher m = Pattern.compile("```mermaid\\n(stateDiagram-v2\\n[\\s\\S]*?)```")
                .matcher(text);
        assertThat(m.find()).as("a state diagram in " + file).isTrue();
        return m.group(1);
    }

    private static Set<Edge> drawn(String diagram) {
        Set<Edge> edges = new HashSet<>();
        for (String line : diagram.split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches() && !m.group(2).equals("[*]")) {
                edges.add(new Edge(m.group(1), m.group(2), m.group(3)));
            }
        }
        return edges;
    }

    private static String code(ProcedureState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    @Test
    void theDiagramsAreTheTable() throws IOException {
        String adr = stateDiagram("docs/adr/0017-application-procedure.md");
        assertThat(stateDiagram("docs/architecture.md")).isEqualTo(adr);

        Set<Edge> table = new HashSet<>();
        table.add(new Edge("[*]", code(ProcedureState.DRAFT), ProcedureCommand.CREATE_DRAFT.name()));
        table.add(new Edge("[*]", code(ProcedureState.SCREENING), ProcedureCommand.CREATE_OFFER.name()));
        for (ProcedureCommand c : ProcedureCommand.values()) {
            for (ProcedureState from : c.from()) {
                for (ProcedureState to : c.to()) {
                    table.add(new Edge(code(from), code(to), c.name()));
                }
            }
        }
        Set<Edge> drawn = drawn(adr);

        assertThat(table).containsAll(drawn);
        Set<Edge> undrawn = new HashSet<>(table);
        undrawn.removeAll(drawn);
        assertThat(undrawn).allSatisfy(e -> assertThat(e.command()).isEqualTo(ProcedureCommand.WITHDRAW.name()));
        assertThat(adr).contains("note right of withdrawn").contains("WITHDRAW by the enterprise from every state");
        for (ProcedureState s : ProcedureState.values()) {
            assertThat(adr).as(s.toString()).contains(code(s));
        }
    }
}
