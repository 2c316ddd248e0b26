package io.grantflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.grantflow.contracts.TopicList;
import io.grantflow.deploy.Yamls.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lints and renders helm/grantflow with helm-java (Helm's Go library, no helm binary, no cluster). */
class HelmChartTest {
    static final String RELEASE = "grantflow";
    /** Stands in for helm.sh/hook in a copy of the chart: helm template leaves hooks out of its output. */
    static final String HOOK_STAND_IN = "grantflow.test/hook";

    static List<Resource> rendered;

    @BeforeAll
    static void render() {
        rendered = Yamls.resources(template(Repo.chart(), t -> {}));
    }

    static String template(Path chart, Consumer<TemplateCommand> options) {
        TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace("grantflow");
        options.accept(command);
        return command.call();
    }

    static List<Resource> of(List<Resource> resources, String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    static Resource serviceResource(List<Resource> resources, String kind, String service) {
        List<Resource> matching = of(resources, kind).stream()
                .filter(r -> service.equals(r.component()))
                .toList();
        assertThat(matching).as("%s of %s", kind, service).hasSize(1);
        return matching.get(0);
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(Repo.chart()).lint().strict().call();
        assertThat(result.getMessages())
                .as("helm lint --strict messages")
                .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(result.isFailed())
                .as("helm lint --strict failed: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void rendersADeploymentAServiceAndAConfigMapPerService() {
        for (String service : Repo.services()) {
            String name = RELEASE + "-" + service;
            assertThat(serviceResource(rendered, "Deployment", service).name()).isEqualTo(name);
            assertThat(serviceResource(rendered, "Service", service).name()).isEqualTo(name);
            assertThat(serviceResource(rendered, "ConfigMap", service).name()).isEqualTo(name);
        }
        assertThat(of(rendered, "ConfigMap")).extracting(Resource::name).contains(RELEASE + "-realm");
        for (String kind : List.of("Deployment", "Service", "ConfigMap")) {
            assertThat(of(rendered, kind).stream()
                            .filter(r -> !r.name().equals(RELEASE + "-realm"))
                            .toList())
                    .extracting(Resource::component)
                    .as("components of the %ss", kind)
                    .containsExactlyInAnyOrderElementsOf(Repo.services());
        }
    }

    @Test
    void everyDeploymentProbesTheQuarkusHealthEndpointsAndHasResources() {
        Map<String, Integer> ports = Repo.servicePorts();
        for (Resource deployment : of(rendered, "Deployment")) {
            String service = deployment.component();
            JsonNode pod = deployment.node().path("spec").path("template");
            JsonNode containers = pod.path("spec").path("containers");
            assertThat(containers.size()).as("containers of %s", service).isEqualTo(1);
            JsonNode c = containers.get(0);

            assertThat(c.path("ports").get(0).path("name").asText()).isEqualTo("http");
            assertThat(c.path("ports").get(0).path("containerPort").asInt())
                    .as("port of %s", service)
                    .isEqualTo(ports.get(service));
            assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/q/health/live");
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/q/health/ready");
            assertThat(c.path("startupProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/q/health/started");
            assertThat(c.path("ports").get(1).path("name").asText()).isEqualTo("management");
            assertThat(c.path("ports").get(1).path("containerPort").asInt())
                    .as("management port of %s", service)
                    .isEqualTo(Repo.managementPorts().get(service));
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                // health lives on the management interface, which the Service does not expose
                assertThat(c.path(probe).path("httpGet").path("port").asText())
                        .as("%s of %s", probe, service)
                        .isEqualTo("management");
            }
            assertThat(pod.path("metadata")
                            .path("annotations")
                            .path("prometheus.io/port")
                            .asText())
                    .isEqualTo(String.valueOf(Repo.managementPorts().get(service)));

            JsonNode resources = c.path("resources");
            assertThat(resources.path("requests").path("cpu").asText())
                    .as("cpu request of %s", service)
                    .isEqualTo("250m");
            assertThat(resources.path("requests").path("memory").asText()).isEqualTo("384Mi");
            assertThat(resources.path("limits").path("cpu").asText())
                    .as("cpu limit of %s", service)
                    .isEqualTo("1");
            assertThat(resources.path("limits").path("memory").asText()).isEqualTo("512Mi");

            assertThat(c.path("image").asText()).isEqualTo("grantflow/" + service + ":0.1.0-SNAPSHOT");
            assertThat(c.path("envFrom")
                            .get(0)
                            .path("configMapRef")
                            .path("name")
                            .asText())
                    .isEqualTo(RELEASE + "-" + service);
            JsonNode password = c.path("env").get(0);
            assertThat(password.path("name").asText()).isEqualTo("DB_PASSWORD");
            assertThat(password.path("valueFrom")
                            .path("secretKeyRef")
                            .path("name")
                            .asText())
                    .isEqualTo(RELEASE + "-db");
            assertThat(password.path("valueFrom")
                            .path("secretKeyRef")
                            .path("key")
                            .asText())
                    .isEqualTo(service + "-password");

            // The selector picks this service's pods only, and the Service selects the same pods.
            Map<String, String> selector = Yamls.stringMap(
                    deployment.node().path("spec").path("selector").path("matchLabels"));
            assertThat(selector).containsEntry("app.kubernetes.io/component", service);
            assertThat(Yamls.stringMap(pod.path("metadata").path("labels"))).containsAllEntriesOf(selector);
            Resource svc = serviceResource(rendered, "Service", service);
            assertThat(Yamls.stringMap(svc.node().path("spec").path("selector")))
                    .isEqualTo(selector);
            JsonNode svcPort = svc.node().path("spec").path("ports").get(0);
            assertThat(svcPort.path("port").asInt()).isEqualTo(ports.get(service));
            assertThat(svcPort.path("targetPort").asText()).isEqualTo("http");
        }
    }

    @Test
    void configMapsSetExactlyWhatEachServiceReads() {
        for (String service : Repo.services()) {
            Map<String, String> data = Yamls.stringMap(
                    serviceResource(rendered, "ConfigMap", service).node().path("data"));
            Set<String> given = new TreeSet<>(data.keySet());
            given.add("DB_PASSWORD"); // from the Secret
            Set<String> read = Repo.environmentReadBy(service);
            assertThat(given)
                    .as(
                            "variables that services/%s/src/main/resources/application.properties reads but the chart does not"
                                    + " set (add them to grantflow.serviceEnv in templates/_helpers.tpl)",
                            service)
                    .containsAll(read);
            assertThat(given.stream().filter(v -> !read.contains(v) && !Repo.isPassThroughVariable(v)))
                    .as("variables %s does not read", service)
                    .isEmpty();

            assertThat(data)
                    .containsEntry("HTTP_HOST", "0.0.0.0")
                    .containsEntry("DB_USER", service)
                    .containsEntry("DB_REACTIVE_URL", "postgresql://postgresql:5432/" + service)
                    .containsEntry("DB_JDBC_URL", "jdbc:postgresql://postgresql:5432/" + service)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("OIDC_URL", "http://keycloak:8080/realms/grantflow");
        }
    }

    @Test
    void theSecretHoldsOnePasswordPerService() {
        List<Resource> secrets = of(rendered, "Secret");
        assertThat(secrets).extracting(Resource::name).containsExactly(RELEASE + "-db");
        assertThat(Yamls.stringMap(secrets.get(0).node().path("data")).keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Repo.services().stream().map(s -> s + "-password").toList());
    }

    @Test
    void anExistingSecretAndAnIssuerCanBeGiven() {
        List<Resource> resources = Yamls.resources(template(
                Repo.chart(),
                t -> t.set("postgresql.auth.existingSecret", "grantflow-db-prod")
                        .set("oidc.issuer", "https://login.example.org/realms/grantflow")
                        .set("kafka.bootstrapServers", "broker-0:9092,broker-1:9092")));
        assertThat(of(resources, "Secret")).isEmpty();
        for (String service : Repo.services()) {
            JsonNode c = serviceResource(resources, "Deployment", service)
                    .node()
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .get(0);
            assertThat(c.path("env")
                            .get(0)
                            .path("valueFrom")
                            .path("secretKeyRef")
                            .path("name")
                            .asText())
                    .isEqualTo("grantflow-db-prod");
            assertThat(Yamls.stringMap(serviceResource(resources, "ConfigMap", service)
                            .node()
                            .path("data")))
                    .containsEntry("QUARKUS_OIDC_TOKEN_ISSUER", "https://login.example.org/realms/grantflow")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "broker-0:9092,broker-1:9092");
        }
    }

    @Test
    void onlyTheMailingServiceGetsTheSmtpSettings() {
        for (String service : Repo.services()) {
            Map<String, String> data = Yamls.stringMap(
                    serviceResource(rendered, "ConfigMap", service).node().path("data"));
            boolean readsSmtp = Repo.environmentReadBy(service).contains("SMTP_HOST");
            assertThat(data.containsKey("SMTP_HOST"))
                    .as("SMTP_HOST for %s", service)
                    .isEqualTo(readsSmtp);
        }
    }

    @Test
    void aMissingPasswordFailsTheRendering() {
        assertThatThrownBy(() -> template(Repo.chart(), t -> t.set("postgresql.auth.passwords.budget", "")))
                .hasMessageContaining("postgresql.auth.passwords.budget is required");
    }

    @Test
    void topicCreationIsAHookThatHelmTemplateLeavesOut() {
        assertThat(rendered).extracting(Resource::kind).doesNotContain("Job");
        assertThat(rendered).extracting(Resource::name).doesNotContain(RELEASE + "-topics");
    }

    /** The hooks, rendered from a copy of the chart whose helm.sh/hook annotations are renamed. */
    static List<Resource> hooks(Path tmp, Consumer<TemplateCommand> options) throws IOException {
        Path copy = tmp.resolve("grantflow");
        try (Stream<Path> files = Files.walk(Repo.chart())) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(Repo.chart().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(source).replace("helm.sh/hook", HOOK_STAND_IN));
                }
            }
        }
        return Yamls.resources(template(copy, options)).stream()
                .filter(r -> r.annotation(HOOK_STAND_IN).isPresent())
                .toList();
    }

    @Test
    void theTopicJobRunsBeforeInstallAndUpgradeWithItsConfigMap(@TempDir Path tmp) throws IOException {
        List<Resource> hooks = hooks(tmp, t -> {});
        assertThat(hooks)
                .extracting(r -> r.kind() + "/" + r.name())
                .containsExactlyInAnyOrder("ConfigMap/" + RELEASE + "-topics", "Job/" + RELEASE + "-topics");
        Resource configMap = of(hooks, "ConfigMap").get(0);
        Resource job = of(hooks, "Job").get(0);
        for (Resource hook : hooks) {
            assertThat(hook.annotation(HOOK_STAND_IN)).hasValue("pre-install,pre-upgrade");
            assertThat(hook.annotation(HOOK_STAND_IN + "-delete-policy"))
                    .hasValue("before-hook-creation,hook-succeeded");
        }
        int configMapWeight =
                Integer.parseInt(configMap.annotation(HOOK_STAND_IN + "-weight").orElseThrow());
        int jobWeight =
                Integer.parseInt(job.annotation(HOOK_STAND_IN + "-weight").orElseThrow());
        assertThat(configMapWeight).as("the ConfigMap exists before the Job").isLessThan(jobWeight);

        JsonNode pod = job.node().path("spec").path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("apache/kafka:4.3.1");
        Map<String, String> env = new LinkedHashMap<>();
        container
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("TOPICS_FILE", "/etc/grantflow/topics.txt");
        assertThat(container.path("command").toString()).contains("/etc/grantflow/create-topics.sh");
        JsonNode mount = container.path("volumeMounts").get(0);
        assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/grantflow");
        JsonNode volume = pod.path("volumes").get(0);
        assertThat(volume.path("name").asText()).isEqualTo(mount.path("name").asText());
        assertThat(volume.path("configMap").path("name").asText()).isEqualTo(configMap.name());
        assertThat(Yamls.stringMap(configMap.node().path("data")).keySet()).contains("topics.txt", "create-topics.sh");
    }

    @Test
    void theChartCreatesExactlyTheTopicsOfContractsTopicsTxt(@TempDir Path tmp) throws Exception {
        Map<String, String> data = Yamls.stringMap(
                of(hooks(tmp, t -> {}), "ConfigMap").get(0).node().path("data"));
        Path topicsFile = Files.writeString(tmp.resolve("topics.txt"), data.get("topics.txt"));

        // The list the Job reads, parsed like contracts/topics.txt ...
        assertThat(TopicList.read(topicsFile)).containsExactlyEntriesOf(Repo.topics());
        assertThat(Repo.topics()).isEqualTo(TopicList.bundled());

        // ... and what the Job's script does with it.
        TopicScript.Run run = TopicScript.run(
                Files.createDirectories(tmp.resolve("run")),
                data.get("create-topics.sh"),
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "TOPICS_FILE", topicsFile.toString(),
                        "REPLICATION_FACTOR", "1",
                        "WAIT_SECONDS", "5"),
                false);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.partitionsByTopic()).containsExactlyEntriesOf(Repo.topics());
        assertThat(run.compactedTopics())
                .as("topics created with cleanup.policy=compact")
                .isEqualTo(Repo.compactedTopics());
        assertThat(run.created()).allSatisfy(c -> {
            assertThat(c.replicationFactor()).isEqualTo(1);
            assertThat(c.bootstrap()).isEqualTo("kafka:9092");
            assertThat(c.ifNotExists()).isTrue();
        });
    }

    @Test
    void theTopicJobHonoursThePrefixAndGivesUpWithoutABroker(@TempDir Path tmp) throws Exception {
        List<Resource> hooks =
                hooks(tmp, t -> t.set("kafka.topicPrefix", "staging.").set("topics.replicationFactor", 3));
        Map<String, String> data =
                Yamls.stringMap(of(hooks, "ConfigMap").get(0).node().path("data"));
        Map<String, String> env = new LinkedHashMap<>();
        of(hooks, "Job")
                .get(0)
                .node()
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        Path topicsFile = Files.writeString(tmp.resolve("topics.txt"), data.get("topics.txt"));
        env.put("TOPICS_FILE", topicsFile.toString());

        TopicScript.Run run =
                TopicScript.run(Files.createDirectories(tmp.resolve("ok")), data.get("create-topics.sh"), env, false);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.partitionsByTopic().keySet())
                .containsExactlyElementsOf(
                        Repo.topics().keySet().stream().map(t -> "staging." + t).collect(Collectors.toList()));
        assertThat(run.created())
                .allSatisfy(c -> assertThat(c.replicationFactor()).isEqualTo(3));

        env.put("WAIT_SECONDS", "0");
        TopicScript.Run noBroker =
                TopicScript.run(Files.createDirectories(tmp.resolve("down")), data.get("create-topics.sh"), env, true);
        assertThat(noBroker.exitCode()).isNotZero();
        assertThat(noBroker.created()).isEmpty();
        assertThat(noBroker.output()).contains("did not answer");
    }

    @Test
    void servicesCanBeDisabled() {
        List<Resource> resources =
                Yamls.resources(template(Repo.chart(), t -> t.set("services.notifications.enabled", false)));
        List<String> expected = new ArrayList<>(Repo.services());
        expected.remove("notifications");
        assertThat(of(resources, "Deployment"))
                .extracting(Resource::component)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Yamls.stringMap(of(resources, "Secret").get(0).node().path("data")))
                .doesNotContainKey("notifications-password");
    }
}
