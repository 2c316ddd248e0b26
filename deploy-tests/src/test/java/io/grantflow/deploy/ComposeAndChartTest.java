package io.grantflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grantflow.deploy.Yamls.Resource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and helm/grantflow describe the same suite. */
class ComposeAndChartTest {
    @Test
    void nameTheSameFiveServicesWithTheSamePortsAndImages() {
        JsonNode composeServices = DockerComposeTest.services;
        List<Resource> chart = Yamls.resources(HelmChartTest.template(Repo.chart(), t -> {}));

        Set<String> composeBuilt = new TreeSet<>();
        composeServices.fields().forEachRemaining(e -> {
            if (e.getValue().has("build")) {
                composeBuilt.add(e.getKey());
            }
        });
        Set<String> chartDeployed = new TreeSet<>();
        HelmChartTest.of(chart, "Deployment").forEach(d -> chartDeployed.add(d.component()));
        assertThat(composeBuilt).hasSize(5).isEqualTo(chartDeployed).isEqualTo(Repo.services());

        JsonNode values = Yamls.read(Repo.chart().resolve("values.yaml"));
        for (String service : Repo.services()) {
            JsonNode container = HelmChartTest.serviceResource(chart, "Deployment", service)
                    .node()
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .get(0);
            assertThat(container.path("image").asText())
                    .as("image of %s", service)
                    .isEqualTo(composeServices.path(service).path("image").asText());
            int port = Repo.servicePorts().get(service);
            assertThat(values.path("services").path(service).path("port").asInt())
                    .isEqualTo(port);
            assertThat(DockerComposeTest.ports(service)).containsEntry(port, port);
        }
    }

    @Test
    void createTopicsWithTheSameKafkaImage() {
        JsonNode compose = DockerComposeTest.services;
        JsonNode topics =
                Yamls.read(Repo.chart().resolve("values.yaml")).path("topics").path("image");
        assertThat(topics.path("repository").asText() + ":" + topics.path("tag").asText())
                .isEqualTo(compose.path(DockerComposeTest.TOPICS_CONTAINER)
                        .path("image")
                        .asText())
                .isEqualTo(compose.path("kafka").path("image").asText());
    }
}
