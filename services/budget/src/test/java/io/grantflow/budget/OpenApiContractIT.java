package io.grantflow.budget;

import static io.restassured.RestAssured.given;

import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.OpenApiContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class OpenApiContractIT {
    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    @Test
    void theCheckedInOpenApiDocumentIsWhatTheServiceServes() throws Exception {
        // the document is served on the management interface only, never on the API's port
        String served = given().queryParam("format", "yaml")
                .get(openapi)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        OpenApiContract.check("budget", served);
    }
}
