package io.grantflow.e2e;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator checks of each running service: health, readiness, metrics, API documents. */
@ExtendWith(Suite.class)
class OperationsIT {

    @Test
    void everyServiceIsLiveAndReadyWithItsDatabaseAndKafkaChecked() {
        for (String service : Suite.services()) {
            Response ready = RestAssured.get(Suite.url(service) + "/q/health/ready");
            assertThat(ready.statusCode()).as(service).isEqualTo(200);
            assertThat(ready.jsonPath().getString("status")).isEqualTo("UP");
            assertThat(ready.jsonPath().getList("checks.name", String.class))
                    .as(service + " readiness checks")
                    .anySatisfy(n -> assertThat(n).contains("Reactive PostgreSQL"))
                    .anySatisfy(n -> assertThat(n).contains("Reactive Messaging"));
            assertThat(RestAssured.get(Suite.url(service) + "/q/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everyServiceExposesPrometheusMetricsIncludingItsOutbox() {
        for (String service : Suite.services()) {
            String metrics = RestAssured.get(Suite.url(service) + "/q/metrics").then().statusCode(200)
                    .extract().asString();
            assertThat(metrics).as(service).contains("jvm_memory_used_bytes")
                    .contains("grantflow_outbox_published_total");
        }
    }

    @Test
    void everyServicePublishesItsOpenApiDocumentAndSwaggerUi() {
        for (String service : Suite.services()) {
            Response doc = RestAssured.given().queryParam("format", "json").get(Suite.url(service) + "/q/openapi");
            assertThat(doc.statusCode()).as(service).isEqualTo(200);
            Map<String, Object> paths = doc.jsonPath().getMap("paths");
            assertThat(paths).as(service + " paths").isNotEmpty();
            assertThat(RestAssured.get(Suite.url(service) + "/q/swagger-ui/").statusCode()).as(service).isEqualTo(200);
        }
    }
}
