package io.grantflow.applications.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.offer.RecordImports;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.testing.CatalogueFixture;
import io.grantflow.platform.testing.KafkaTopicsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark of issue 10 point 7 (ADR 0020), run on demand only: one import of 10,000
 * records (10,000 enterprises, S1-SRDI) over HTTP, against the real PostgreSQL and Kafka, must
 * finish in under 60 s; then the same file again, all duplicates. Prints the figures for
 * {@code docs/benchmarks.md}. Rerun:
 * {@code flock -o /tmp/grantflow-it.lock ./mvnw -B -o verify -pl services/applications -am -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * -Dit.test=RecordImportBenchmarkIT -Dgrantflow.benchmark=true}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
@EnabledIfSystemProperty(named = "grantflow.benchmark", matches = "true")
class RecordImportBenchmarkIT {
    @Inject
    ObjectMapper json;

    @Inject
    ProgrammeDirectory directory;

    @Test
    @TestSecurity(user = "service-account-agency-industry", roles = "reviewer")
    @OidcSecurity(claims = {@Claim(key = "department", value = "industry")})
    void tenThousandRecordsInUnderAMinute() {
        if (!directory.known()
                || directory.find("S1-SRDI").map(p -> p.proactive() == null).orElse(true)) {
            CatalogueFixture.publish(json, directory);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> directory
                        .find("S1-SRDI")
                        .map(p -> p.provenBy("honour_list"))
                        .orElse(false));
        int n = RecordImports.MAX_RECORDS;
        String source = "benchmark " + UUID.randomUUID();
        StringBuilder body = new StringBuilder(n * 260).append('[');
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"creditCode\":\"")
                    .append(RecordImportResourceIT.newCreditCode())
                    .append("\",\"enterpriseName\":\"无锡基准测试企业")
                    .append(i)
                    .append("有限公司\",\"recordKind\":\"honour_list\",\"programme\":\"S1-SRDI\",\"source\":\"")
                    .append(source)
                    .append("\",\"recordDate\":\"2026-06-30\",\"district\":\"xinwu\",\"facts\":{\"honour_level\":\"")
                    .append(i % 3 == 0 ? "national" : "provincial")
                    .append("\"}}");
        }
        String file = body.append(']').toString();

        long start = System.nanoTime();
        Response report =
                given().contentType("application/json").body(file).when().post("/record-imports");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(report.statusCode()).as(report.asString()).isEqualTo(200);
        int created = report.jsonPath().getInt("created");

        long again = System.nanoTime();
        Response second =
                given().contentType("application/json").body(file).when().post("/record-imports");
        double secondsAgain = (System.nanoTime() - again) / 1e9;
        assertThat(second.statusCode()).isEqualTo(200);

        System.out.printf(
                "RecordImportBenchmark: %d records (%d bytes): %d created, %d duplicates (%d codes drawn twice),"
                        + " %d refused in %.2f s (%.0f records/s); the same file again: %d duplicates in %.2f s%n",
                n,
                file.getBytes(StandardCharsets.UTF_8).length,
                created,
                report.jsonPath().getInt("duplicates"),
                report.jsonPath().getInt("duplicates"),
                report.jsonPath().getInt("refused"),
                seconds,
                n / seconds,
                second.jsonPath().getInt("duplicates"),
                secondsAgain);
        assertThat(created + report.jsonPath().getInt("refused")).isEqualTo(n);
        assertThat(second.jsonPath().getInt("created")).isZero();
        assertThat(seconds).isLessThan(60);
    }
}
