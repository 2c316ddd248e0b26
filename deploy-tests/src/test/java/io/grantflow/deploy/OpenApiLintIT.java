package io.grantflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redocly CLI's recommended rules over the five OpenAPI documents of contracts/openapi, with the
 * repository's redocly.yaml: no error and no warning (ADR 0015). The CLI is pinned and run through
 * npx, which needs Node.js; an IT because it downloads the CLI once into npm's cache.
 */
class OpenApiLintIT {
    static final String REDOCLY = "@redocly/cli@2.77.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 10;
    private static final String INSTALL_NODE = "OpenAPI 检查需要 Node.js 20.19 或更新版本及 npm：请安装 Debian 的 nodejs 和 npm "
            + "软件包（apt-get install nodejs npm；Debian 12 的 nodejs 18 太旧，须 Debian 13 或 NodeSource 的 nodejs 20），"
            + "或以 root 运行 deploy/local/infra-up.sh / the OpenAPI lint needs Node.js 20.19 or newer with npm: install "
            + "Debian's nodejs and npm packages (apt-get install nodejs npm; Debian 12's nodejs 18 is too old, it takes "
            + "Debian 13's or NodeSource's nodejs 20), or run deploy/local/infra-up.sh as root";

    @Test
    void theDocumentsPassTheRecommendedRulesWithoutAWarning() throws Exception {
        Path npx = onPath("npx");
        requireNode(onPath("node"));
        List<String> command = new ArrayList<>(List.of(
                npx.toString(),
                "--yes",
                REDOCLY,
                "lint",
                "--config",
                Repo.path("redocly.yaml").toString(),
                "--format",
                "json"));
        for (String service : Repo.services()) {
            command.add(Repo.path("contracts/openapi/" + service + ".yaml").toString());
        }
        Path out = Files.createTempFile("redocly-lint", ".json");
        Path err = Files.createTempFile("redocly-lint", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Repo.root().toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            // no telemetry or update checks from a test run
            Map<String, String> env = builder.environment();
            env.put("REDOCLY_TELEMETRY", "off");
            env.put("NO_UPDATE_NOTIFIER", "1");
            env.put("npm_config_update_notifier", "false");
            env.put("npm_config_fund", "false");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(
                        "redocly 未在 %d 分钟内结束 / redocly did not finish within %d minutes: %s",
                        TIMEOUT_MINUTES, TIMEOUT_MINUTES, Files.readString(err));
            }
            String json = Files.readString(out, StandardCharsets.UTF_8);
            String log = Files.readString(err, StandardCharsets.UTF_8);
            // one report per document, one after the other
            List<JsonNode> reports = new ArrayList<>();
            try (MappingIterator<JsonNode> read = JSON.readerFor(JsonNode.class).readValues(json)) {
                read.forEachRemaining(reports::add);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(
                        "redocly 没有给出报告 / redocly gave no report (exit " + process.exitValue() + "):\n" + json + "\n"
                                + log,
                        e);
            }
            assertThat(reports)
                    .as("每个文档一份报告 / a report per document:\n%s\n%s", json, log)
                    .hasSize(Repo.services().size());
            int found = 0;
            StringBuilder problems = new StringBuilder();
            for (JsonNode report : reports) {
                assertThat(report.path("version").asText()).isEqualTo(REDOCLY.substring(REDOCLY.lastIndexOf('@') + 1));
                found += report.path("totals").path("errors").asInt(-1)
                        + report.path("totals").path("warnings").asInt(-1);
                problems.append(problems(report));
            }
            assertThat(found)
                    .as("redocly lint 须无错误、无警告 / must find no error and no warning:\n%s", problems)
                    .isZero();
            assertThat(process.exitValue()).as(log).isZero();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theConfigurationExtendsTheRecommendedRulesAndSaysWhyItTurnsOneOff() throws IOException {
        List<String> lines = Files.readAllLines(Repo.path("redocly.yaml"));
        JsonNode config = Yamls.read(Repo.path("redocly.yaml"));
        assertThat(config.path("extends").toString()).contains("recommended");
        for (int i = 0; i < lines.size(); i++) {
            if (switchesARule(lines.get(i))) {
                // the reason stands in the comment right above the rule, or above the rules switched with it
                int above = i - 1;
                while (above >= 0 && switchesARule(lines.get(above))) {
                    above--;
                }
                assertThat(above >= 0 && lines.get(above).strip().startsWith("#"))
                        .as(
                                "redocly.yaml 中的 %s 须在其上方注释中注明理由 / needs its reason in a comment above it",
                                lines.get(i).strip())
                        .isTrue();
            }
        }
        assertThat(Repo.path(".redocly.lint-ignore.yaml"))
                .as("问题须修正而非忽略 / problems are fixed, not ignored")
                .doesNotExist();
    }

    private static boolean switchesARule(String line) {
        String rule = line.strip();
        return !rule.startsWith("#") && (rule.endsWith(": off") || rule.endsWith(": warn"));
    }

    /** The problems as a person reads them: file, line, rule and message. */
    private static String problems(JsonNode report) {
        StringBuilder text = new StringBuilder();
        for (JsonNode p : report.path("problems")) {
            JsonNode at = p.path("location").path(0);
            text.append(at.path("source").path("ref").asText())
                    .append(':')
                    .append(at.path("start").path("line").asInt())
                    .append(' ')
                    .append(p.path("severity").asText())
                    .append(' ')
                    .append(p.path("ruleId").asText())
                    .append(": ")
                    .append(p.path("message").asText())
                    .append('\n');
        }
        return text.toString();
    }

    /** Redocly CLI 2.x runs on Node.js 20.19 or newer. */
    private static void requireNode(Path node) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(node.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String[] parts = version.replaceFirst("^v", "").split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        assertThat(major > 20 || major == 20 && minor >= 19)
                .as(
                        "Node.js %s 太旧，redocly 需要20.19或更新版本 / is too old, redocly needs 20.19 or newer: %s",
                        version, INSTALL_NODE)
                .isTrue();
    }

    /** An executable of the PATH; fails with what to install when there is none. */
    static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " 不在 PATH 上 / is not on the PATH: " + INSTALL_NODE);
    }
}
