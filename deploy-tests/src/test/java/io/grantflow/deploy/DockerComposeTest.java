package io.grantflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks docker-compose.yml without a Docker engine: its structure, and the scripts it runs. */
class DockerComposeTest {
    static final String TOPICS_CONTAINER = "kafka-topics";
    static final Map<String, Integer> INFRA_PORTS =
            Map.of("postgres", 5432, "kafka", 9092, "keycloak", 8180, "greenmail", 3025);

    static final JsonNode services = Yamls.read(Repo.path("docker-compose.yml")).path("services");

    static JsonNode service(String name) {
        JsonNode s = services.get(name);
        assertThat(s).as("compose service %s", name).isNotNull();
        return s;
    }

    /** "host:container" port mappings of a compose service open to every interface, host port to container port. */
    static Map<Integer, Integer> ports(String name) {
        return ports(name, false);
    }

    /** "127.0.0.1:host:container" port mappings: published on the host's loopback only. */
    static Map<Integer, Integer> loopbackPorts(String name) {
        return ports(name, true);
    }

    private static Map<Integer, Integer> ports(String name, boolean loopback) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (JsonNode p : service(name).path("ports")) {
            String[] parts = p.asText().split(":");
            assertThat(parts.length)
                    .as("port mapping %s of %s", p.asText(), name)
                    .isBetween(2, 3);
            if (parts.length == 3) {
                assertThat(parts[0]).as("bound address of %s", p.asText()).isEqualTo("127.0.0.1");
            }
            if (loopback == (parts.length == 3)) {
                ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
            }
        }
        return ports;
    }

    static Map<String, String> environment(String name) {
        JsonNode env = service(name).path("environment");
        assertThat(env.isObject()).as("environment of %s is a mapping", name).isTrue();
        return Yamls.stringMap(env);
    }

    /** Bind mounts "./host:container[:ro]" of a service, as container path to repository path. */
    static Map<String, Path> bindMounts(String name) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (JsonNode v : service(name).path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[1], Repo.root().resolve(parts[0]).normalize());
            }
        }
        return mounts;
    }

    /** The healthcheck's command as the container runs it ($$ is compose's escape for $). */
    static String healthCommand(String name) {
        JsonNode test = service(name).path("healthcheck").path("test");
        assertThat(test.isArray()).as("healthcheck of %s", name).isTrue();
        List<String> argv = new ArrayList<>();
        test.forEach(t -> argv.add(t.asText()));
        assertThat(argv.subList(0, 3)).as("healthcheck of %s", name).containsExactly("CMD", "bash", "-c");
        return argv.get(3).replace("$$", "$");
    }

    @Test
    void runsTheFiveServicesOnTheirPorts() {
        for (Map.Entry<String, Integer> e : Repo.servicePorts().entrySet()) {
            assertThat(ports(e.getKey())).as("ports of %s", e.getKey()).isEqualTo(Map.of(e.getValue(), e.getValue()));
            int management = Repo.managementPorts().get(e.getKey());
            assertThat(loopbackPorts(e.getKey()))
                    .as("management port of %s, loopback only", e.getKey())
                    .isEqualTo(Map.of(management, management));
        }
        Set<String> built = new TreeSet<>();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().has("build")) {
                built.add(e.getKey());
            }
        });
        assertThat(built).as("services built from this repository").isEqualTo(Repo.services());
    }

    @Test
    void runsTheInfrastructureOnItsUsualPorts() {
        INFRA_PORTS.forEach(
                (name, port) -> assertThat(ports(name)).as("ports of %s", name).containsKey(port));
        assertThat(service("postgres").path("image").asText()).startsWith("postgres:15");
        assertThat(service("kafka").path("image").asText()).startsWith("apache/kafka:4.");
        assertThat(service("keycloak").path("image").asText()).startsWith("quay.io/keycloak/keycloak:26.");
        assertThat(service("greenmail").path("image").asText()).startsWith("greenmail/standalone:");
        assertThat(environment("kafka"))
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    }

    @Test
    void buildsEveryServiceWithTheOneDockerfileFromItsFastJar() {
        Path dockerfile = Repo.path("deploy/docker/Dockerfile.jvm");
        String text = Repo.read(dockerfile);
        for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertThat(text)
                    .as("Dockerfile copies %s", part)
                    .containsPattern("(?m)^COPY .*target/quarkus-app/" + Pattern.quote(part));
        }
        assertThat(text).contains("quarkus-run.jar").containsPattern("(?m)^USER 185");
        assertThat(Repo.read(Repo.path("deploy/docker/Dockerfile.jvm.dockerignore")))
                .contains("!target/quarkus-app/");

        for (String name : Repo.services()) {
            JsonNode build = service(name).path("build");
            Path context = Repo.root().resolve(build.path("context").asText()).normalize();
            assertThat(context).isEqualTo(Repo.path("services/" + name));
            assertThat(context.resolve(build.path("dockerfile").asText()).normalize())
                    .isEqualTo(dockerfile);
            assertThat(build.path("args").path("SERVICE").asText()).isEqualTo(name);
            assertThat(build.path("args").path("PORT").asText())
                    .isEqualTo(String.valueOf(Repo.servicePorts().get(name)));
            assertThat(service(name).path("image").asText()).isEqualTo("grantflow/" + name + ":0.1.0-SNAPSHOT");
        }
    }

    /** Only where the services were packaged (mvn package): the layout the Dockerfile copies. */
    @Test
    void packagedFastJarsHaveTheLayoutTheDockerfileCopies() {
        List<String> packaged = Repo.services().stream()
                .filter(s -> Files.isDirectory(Repo.path("services/" + s + "/target/quarkus-app")))
                .toList();
        Assumptions.assumeFalse(packaged.isEmpty(), "no service is packaged");
        for (String s : packaged) {
            Path app = Repo.path("services/" + s + "/target/quarkus-app");
            assertThat(app.resolve("quarkus-run.jar")).isRegularFile();
            assertThat(app.resolve("lib")).isDirectory();
            assertThat(app.resolve("app")).isDirectory();
            assertThat(app.resolve("quarkus")).isDirectory();
        }
    }

    @Test
    void givesEachServiceExactlyTheEnvironmentItReads() {
        for (String name : Repo.services()) {
            Map<String, String> env = environment(name);
            Set<String> read = Repo.environmentReadBy(name);
            assertThat(env.keySet())
                    .as(
                            "variables that services/%s/src/main/resources/application.properties reads but docker-compose.yml"
                                    + " does not set (set them there and in helm/grantflow)",
                            name)
                    .containsAll(read);
            assertThat(env.keySet().stream().filter(v -> !read.contains(v) && !Repo.isPassThroughVariable(v)))
                    .as("variables %s does not read", name)
                    .isEmpty();
            assertThat(env)
                    .containsEntry("HTTP_HOST", "0.0.0.0")
                    .containsEntry("DB_USER", name)
                    .containsEntry("DB_PASSWORD", name)
                    .containsEntry("DB_REACTIVE_URL", "postgresql://postgres:5432/" + name)
                    .containsEntry("DB_JDBC_URL", "jdbc:postgresql://postgres:5432/" + name);
            // The internal listener the broker advertises to containers.
            assertThat(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"))
                    .contains("//" + env.get("KAFKA_BOOTSTRAP_SERVERS"));
            if (read.contains("SMTP_HOST")) {
                assertThat(env).containsEntry("SMTP_HOST", "greenmail").containsEntry("SMTP_PORT", "3025");
            }
        }
    }

    @Test
    void tokensCarryOneIssuerForTheHostAndTheContainers() {
        Map<String, String> kc = environment("keycloak");
        URI publicUrl = URI.create(kc.get("KC_HOSTNAME"));
        assertThat(kc).containsEntry("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true");
        // The public URL is the one published on the host.
        int containerPort = Integer.parseInt(kc.get("KC_HTTP_PORT"));
        assertThat(ports("keycloak")).containsEntry(publicUrl.getPort(), containerPort);
        assertThat(service("keycloak").path("command").toString())
                .contains("start-dev")
                .contains("--import-realm");
        Path realm = bindMounts("keycloak").get("/opt/keycloak/data/import/grantflow-realm.json");
        assertThat(realm)
                .isEqualTo(Repo.path("deploy/keycloak/grantflow-realm.json"))
                .isRegularFile();

        String realmName = "grantflow";
        for (String name : Repo.services()) {
            Map<String, String> env = environment(name);
            assertThat(env)
                    .as("issuer of %s", name)
                    .containsEntry("QUARKUS_OIDC_TOKEN_ISSUER", publicUrl + "/realms/" + realmName);
            assertThat(env).containsEntry("OIDC_URL", "http://keycloak:" + containerPort + "/realms/" + realmName);
        }
    }

    @Test
    void startsTheServicesAfterTheirDependencies() {
        for (String name : Repo.services()) {
            JsonNode deps = service(name).path("depends_on");
            assertThat(deps.path("postgres").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(deps.path("keycloak").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(deps.path(TOPICS_CONTAINER).path("condition").asText())
                    .isEqualTo("service_completed_successfully");
        }
        assertThat(service(TOPICS_CONTAINER)
                        .path("depends_on")
                        .path("kafka")
                        .path("condition")
                        .asText())
                .isEqualTo("service_healthy");
        // Every dependency exists, and one waited for as healthy has a health check.
        services.fields()
                .forEachRemaining(s -> s.getValue().path("depends_on").fields().forEachRemaining(d -> {
                    assertThat(services.has(d.getKey()))
                            .as("%s depends on unknown %s", s.getKey(), d.getKey())
                            .isTrue();
                    if (d.getValue().path("condition").asText().equals("service_healthy")) {
                        assertThat(services.path(d.getKey()).has("healthcheck"))
                                .as("%s has a healthcheck", d.getKey())
                                .isTrue();
                    }
                }));
    }

    @Test
    void serviceHealthChecksPassOnlyWhenReady() throws Exception {
        for (Map.Entry<String, Integer> e : Repo.managementPorts().entrySet()) {
            String command = healthCommand(e.getKey());
            int port = e.getValue();
            assertThat(HttpCheck.exitCodeAgainst(command, port, "/q/health/ready", 200))
                    .as("ready %s", e.getKey())
                    .isZero();
            assertThat(HttpCheck.exitCodeAgainst(command, port, "/q/health/ready", 503))
                    .as("not ready %s", e.getKey())
                    .isNotZero();
            assertThat(HttpCheck.exitCodeWithNothingListening(command, port))
                    .as("down %s", e.getKey())
                    .isNotZero();
        }
        String keycloak = healthCommand("keycloak");
        assertThat(HttpCheck.exitCodeAgainst(keycloak, 9000, "/health/ready", 200))
                .isZero();
        assertThat(HttpCheck.exitCodeAgainst(keycloak, 9000, "/health/ready", 503))
                .isNotZero();
    }

    @Test
    void theTopicContainerCreatesExactlyTheTopicsOfContractsTopicsTxt(@TempDir Path tmp) throws Exception {
        JsonNode container = service(TOPICS_CONTAINER);
        assertThat(container.path("image").asText())
                .isEqualTo(service("kafka").path("image").asText());
        Map<String, String> env = new LinkedHashMap<>(environment(TOPICS_CONTAINER));
        Map<String, Path> mounts = bindMounts(TOPICS_CONTAINER);
        // It reads the repository's topics.txt itself, not a copy.
        assertThat(mounts.get(env.get("TOPICS_FILE")))
                .as("the mount of TOPICS_FILE")
                .isEqualTo(Repo.topicsFile());
        List<String> entrypoint = new ArrayList<>();
        container.path("entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertThat(entrypoint).hasSize(2).startsWith("bash");
        Path script = mounts.get(entrypoint.get(1));
        assertThat(script).as("the mounted script").isEqualTo(Repo.path("deploy/docker/create-topics.sh"));

        env.put("TOPICS_FILE", Repo.topicsFile().toString());
        TopicScript.Run run = TopicScript.run(tmp, Repo.read(script), env, false);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.partitionsByTopic()).containsExactlyEntriesOf(Repo.topics());
        assertThat(run.compactedTopics())
                .as("topics created with cleanup.policy=compact")
                .isEqualTo(Repo.compactedTopics());
        String servicesBootstrap =
                environment(Repo.services().iterator().next()).get("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(run.created()).allSatisfy(c -> {
            assertThat(c.bootstrap()).isEqualTo(servicesBootstrap);
            assertThat(c.replicationFactor()).isEqualTo(1);
            assertThat(c.ifNotExists()).isTrue();
        });
    }

    @Test
    void postgresCreatesOneRoleAndDatabasePerService() {
        Path init = bindMounts("postgres").entrySet().stream()
                .filter(e -> e.getKey().startsWith("/docker-entrypoint-initdb.d/"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        assertThat(init).isRegularFile();
        String sql = Repo.read(init);
        Set<String> roles = new TreeSet<>();
        Matcher role =
                Pattern.compile("CREATE ROLE (\\w+) LOGIN PASSWORD '(\\w+)';").matcher(sql);
        while (role.find()) {
            assertThat(role.group(2)).as("dev password of %s", role.group(1)).isEqualTo(role.group(1));
            roles.add(role.group(1));
        }
        Set<String> databases = new TreeSet<>();
        Matcher db = Pattern.compile("CREATE DATABASE (\\w+) OWNER (\\w+);").matcher(sql);
        while (db.find()) {
            assertThat(db.group(2)).as("owner of %s", db.group(1)).isEqualTo(db.group(1));
            databases.add(db.group(1));
        }
        assertThat(roles).isEqualTo(Repo.services());
        assertThat(databases).isEqualTo(Repo.services());
    }
}
