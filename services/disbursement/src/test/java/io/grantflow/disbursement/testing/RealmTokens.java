package io.grantflow.disbursement.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real tokens from the local Keycloak realm, as the demo users (password grant of the demo client),
 * and requests carrying them, for the ITs that call the service as its users would.
 */
public final class RealmTokens {
    public static final String REALM = "http://127.0.0.1:8180/realms/grantflow";

    /** Tokens live five minutes: one is fetched again after 200 s. */
    private static final long REFRESH_AFTER_SECONDS = 200;

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private RealmTokens() {}

    /** A fresh token of {@code username}. */
    public static String token(String username) {
        return RestAssured.given()
                .baseUri(REALM)
                .formParam("grant_type", "password")
                .formParam("client_id", "grantflow-cli")
                .formParam("username", username)
                .formParam("password", "demo")
                .post("/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("access_token");
    }

    /** A token of {@code username}, kept while it is young enough, for tests that ask often. */
    public static String cached(String username) {
        return CACHE.compute(username, (user, held) -> held == null || held.stale() ? new Cached(token(user)) : held)
                .token();
    }

    /** A JSON request with {@code token}, its numbers read as BigDecimal (money is never a double). */
    public static RequestSpecification as(String token) {
        return given().config(RestAssured.config()
                        .jsonConfig(
                                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON);
    }

    /** As the demo finance officer. */
    public static RequestSpecification asFinance() {
        return as(cached("fin-officer"));
    }

    private record Cached(String token, Instant fetched) {
        Cached(String token) {
            this(token, Instant.now());
        }

        boolean stale() {
            return Instant.now().isAfter(fetched.plusSeconds(REFRESH_AFTER_SECONDS));
        }
    }
}
