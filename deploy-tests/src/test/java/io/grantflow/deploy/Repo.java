package io.grantflow.deploy;

import io.grantflow.contracts.TopicList;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files of the repository that the deployment descriptions must agree with. */
final class Repo {
    private static final Pattern SERVICE_MODULE = Pattern.compile("<module>services/([a-z0-9-]+)</module>");
    /** ${NAME} or ${NAME:default} with an upper-case name: an environment variable. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    private Repo() {}

    /** The reactor root, set by surefire (see pom.xml); ".." when run from the module directory. */
    static Path root() {
        Path root = Path.of(System.getProperty("grantflow.root", ".."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(root.resolve("contracts/topics.txt"))) {
            throw new IllegalStateException(root + " is not the grantflow root (no contracts/topics.txt)");
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static Path chart() {
        return path("helm/grantflow");
    }

    static Path topicsFile() {
        return path("contracts/topics.txt");
    }

    static Map<String, Integer> topics() {
        try {
            return TopicList.read(topicsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compacted topics of contracts/topics.txt. */
    static Set<String> compactedTopics() {
        try {
            return TopicList.readCompacted(topicsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services of the suite, as the root pom lists their modules (services/NAME), sorted by name. */
    static Set<String> services() {
        Set<String> services = new TreeSet<>();
        Matcher m = SERVICE_MODULE.matcher(read(path("pom.xml")));
        while (m.find()) {
            services.add(m.group(1));
        }
        return services;
    }

    /** Each service and its HTTP port (quarkus.http.port of its application.properties). */
    static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : services()) {
            ports.put(
                    service,
                    Integer.parseInt(applicationProperties(service)
                            .getProperty("quarkus.http.port")
                            .strip()));
        }
        return ports;
    }

    /** Each service's management port, the default of {@code quarkus.management.port}. */
    static Map<String, Integer> managementPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : services()) {
            String value = applicationProperties(service)
                    .getProperty("quarkus.management.port")
                    .strip();
            ports.put(service, Integer.parseInt(value.replaceAll("^\\$\\{[A-Z_]+:([0-9]+)}$", "$1")));
        }
        return ports;
    }

    static Properties applicationProperties(String service) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(propertiesFile(service))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The environment variables a service's application.properties reads (${NAME} or ${NAME:default}). */
    static Set<String> environmentReadBy(String service) {
        Set<String> names = new TreeSet<>();
        Matcher m = ENV_REFERENCE.matcher(read(propertiesFile(service)));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Variables a service may be given beyond those it reads: Quarkus and grantflow settings, JVM options. */
    static boolean isPassThroughVariable(String name) {
        return name.startsWith("QUARKUS_") || name.startsWith("GRANTFLOW_") || name.startsWith("JAVA_OPTS");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path propertiesFile(String service) {
        return path("services/" + service + "/src/main/resources/application.properties");
    }
}
