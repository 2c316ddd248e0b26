package io.grantflow.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs a topic-creation script (compose's or the chart's) with bash, against a stub
 * kafka-topics.sh that records its arguments instead of talking to a broker.
 */
final class TopicScript {
    /** One kafka-topics.sh --create call. */
    record Created(
            String topic,
            int partitions,
            int replicationFactor,
            String bootstrap,
            boolean ifNotExists,
            boolean compacted) {}

    /** What a run did: its exit code, output and the topics it asked for, in order. */
    record Run(int exitCode, String output, List<Created> created) {
        Map<String, Integer> partitionsByTopic() {
            Map<String, Integer> map = new LinkedHashMap<>();
            created.forEach(c -> map.put(c.topic(), c.partitions()));
            return map;
        }

        Set<String> compactedTopics() {
            Set<String> set = new TreeSet<>();
            created.stream().filter(Created::compacted).forEach(c -> set.add(c.topic()));
            return set;
        }
    }

    private TopicScript() {}

    /**
     * @param script   the script's text
     * @param env      its environment (KAFKA_BIN is set to the stub's directory)
     * @param listFails when true the stub fails "--list" (a broker that does not answer)
     */
    static Run run(Path workDir, String script, Map<String, String> env, boolean listFails)
            throws IOException, InterruptedException {
        Path bin = Files.createDirectories(workDir.resolve("bin"));
        Path log = workDir.resolve("kafka-topics.calls");
        Path stub = bin.resolve("kafka-topics.sh");
        Files.writeString(stub, """
                #!/usr/bin/env bash
                printf '%%s\\n' "$*" >>'%s'
                for a in "$@"; do
                  if [[ $a == --list ]]; then exit %d; fi
                done
                exit 0
                """.formatted(log, listFails ? 1 : 0));
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path scriptFile = workDir.resolve("create-topics.sh");
        Files.writeString(scriptFile, script);

        ProcessBuilder pb = new ProcessBuilder("bash", scriptFile.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("KAFKA_BIN", bin.toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("topic script did not finish in 60 s");
        }
        String output = new String(p.getInputStream().readAllBytes());
        List<Created> created = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                List<String> args = List.of(line.split(" "));
                if (args.contains("--create")) {
                    created.add(new Created(
                            arg(args, "--topic"),
                            Integer.parseInt(arg(args, "--partitions")),
                            Integer.parseInt(arg(args, "--replication-factor")),
                            arg(args, "--bootstrap-server"),
                            args.contains("--if-not-exists"),
                            args.contains("--config") && "cleanup.policy=compact".equals(arg(args, "--config"))));
                }
            }
        }
        return new Run(p.exitValue(), output, created);
    }

    private static String arg(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            throw new IllegalStateException("kafka-topics.sh called without " + name + ": " + args);
        }
        return args.get(i + 1);
    }
}
