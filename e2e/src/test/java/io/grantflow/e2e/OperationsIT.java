package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator checks of each running service: health, readiness, metrics, API documents, on
 * the management interface; the public port answers none of them.
 */
@ExtendWith(Suite.class)
class OperationsIT {

    @Test
    void everyServiceIsLiveAndReadyWithItsDatabaseAndKafkaChecked() {
        for (String service : Suite.services()) {
            Response ready = RestAssured.get(Suite.managementUrl(service) + "/q/health/ready");
            assertThat(ready.statusCode()).as(service).isEqualTo(200);
            assertThat(ready.jsonPath().getString("status")).isEqualTo("UP");
            assertThat(ready.jsonPath().getList("checks.name", String.class))
                    .as(service + " readiness checks")
                    .anySatisfy(n -> assertThat(n).contains("Reactive PostgreSQL"))
                    .anySatisfy(n -> assertThat(n).contains("Reactive Messaging"));
            assertThat(RestAssured.get(Suite.managementUrl(service) + "/q/health/live")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void everyServiceExposesPrometheusMetricsIncludingItsOutbox() {
        for (String service : Suite.services()) {
            String metrics = RestAssured.get(Suite.managementUrl(service) + "/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(metrics)
                    .as(service)
                    .contains("jvm_memory_used_bytes")
                    .contains("grantflow_outbox_published_total");
        }
    }

    @Test
    void everyServicePublishesItsOpenApiDocumentAndSwaggerUi() {
        for (String service : Suite.services()) {
            Response doc =
                    RestAssured.given().queryParam("format", "json").get(Suite.managementUrl(service) + "/q/openapi");
            assertThat(doc.statusCode()).as(service).isEqualTo(200);
            Map<String, Object> paths = doc.jsonPath().getMap("paths");
            assertThat(paths).as(service + " paths").isNotEmpty();
            assertThat(RestAssured.get(Suite.managementUrl(service) + "/q/swagger-ui/")
                            .statusCode())
                    .as(service)
                    .isEqualTo(200);
        }
    }

    @Test
    void thePublicPortAnswersOnlyTheApiNeverHealthMetricsOrDocuments() {
        for (String service : Suite.services()) {
            for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
                Response r = RestAssured.get(Suite.url(service) + path);
                assertThat(r.statusCode()).as(service + path).isEqualTo(404);
                assertThat(r.contentType()).as(service + path).startsWith("application/problem+json");
                assertThat(r.asString()).doesNotContain("jvm_").doesNotContain("openapi:");
            }
        }
    }
}
