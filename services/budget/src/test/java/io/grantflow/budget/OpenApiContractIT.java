package io.grantflow.budget;

import io.grantflow.platform.testing.KafkaTopicsResource;
import io.grantflow.platform.testing.OpenApiContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

@QuarkusTest
@QuarkusTestResource(KafkaTopicsResource.class)
class OpenApiContractIT {
    @Test
    void theCheckedInOpenApiDocumentIsWhatTheServiceServes() throws Exception {
        String served = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        OpenApiContract.check("budget", served);
    }
}
