package io.grantflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The two Keycloak realms: the local one (demo users, a password-grant client for demos) and the
 * Helm chart's (none of that). Both give each client only the audiences of the services it calls,
 * lock accounts after repeated wrong passwords and issue access tokens of 5 minutes.
 */
class RealmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLI = "grantflow-cli";
    /** The e2e tests' client whose tokens expire after a second: the local realm's alone. */
    private static final String EXPIRY_PROBE = "token-expiry-probe";
    /** The e2e tests' client whose tokens name the applications service only: the local realm's alone. */
    private static final String AUDIENCE_PROBE = "audience-probe";

    private static JsonNode local() throws IOException {
        return JSON.readTree(Repo.path("deploy/keycloak/grantflow-realm.json").toFile());
    }

    private static JsonNode chart() throws IOException {
        return JSON.readTree(Repo.chart().resolve("realm/grantflow-realm.json").toFile());
    }

    /** clientId → the audiences its tokens carry. */
    private static Map<String, Set<String>> audiences(JsonNode realm) {
        Map<String, Set<String>> byClient = new TreeMap<>();
        for (JsonNode client : realm.path("clients")) {
            Set<String> audiences = StreamSupport.stream(
                            client.path("protocolMappers").spliterator(), false)
                    .filter(m -> m.path("protocolMapper").asText().equals("oidc-audience-mapper"))
                    .map(m -> m.path("config").path("included.client.audience").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
            byClient.put(client.path("clientId").asText(), audiences);
        }
        return byClient;
    }

    @Test
    void everyClientCarriesOnlyTheAudiencesOfTheServicesItCalls() throws IOException {
        Map<String, Set<String>> audiences = audiences(local());
        assertThat(audiences.get("grantflow-web"))
                .containsExactlyInAnyOrder("applications-service", "eligibility-service", "notifications-service");
        // agencies' systems also manage their webhooks (notifications, ADR 0021) and confirm their
        // instalments' milestones (disbursement, ADR 0024)
        for (String agency : List.of("agency-industry", "agency-science", "agency-data")) {
            assertThat(audiences.get(agency))
                    .as(agency)
                    .containsExactlyInAnyOrder(
                            "applications-service",
                            "eligibility-service",
                            "budget-service",
                            "disbursement-service",
                            "notifications-service");
        }
        assertThat(audiences.get(AUDIENCE_PROBE)).containsExactly("applications-service");
        assertThat(audiences.get("agency-finance"))
                .containsExactlyInAnyOrder(
                        "applications-service",
                        "eligibility-service",
                        "budget-service",
                        "disbursement-service",
                        "notifications-service");
        for (String service : Repo.services()) {
            assertThat(audiences.get(service + "-service"))
                    .as("%s-service calls no other service", service)
                    .isEmpty();
        }
        // no shared client scope may hand out audiences to everyone
        for (JsonNode scope : local().path("clientScopes")) {
            assertThat(scope.path("protocolMappers").toString())
                    .as("client scope %s", scope.path("name").asText())
                    .doesNotContain("oidc-audience-mapper");
        }
    }

    /**
     * The e2e call of issue #10 needs six applicants: each demo enterprise has its own
     * well-formed unified social credit code (GB 32100 check character) and only the enterprise role.
     */
    @Test
    void everyDemoEnterpriseHasItsOwnValidCreditCode() throws IOException {
        List<String> codes = new ArrayList<>();
        for (JsonNode user : local().path("users")) {
            if (!user.path("realmRoles").toString().contains("\"enterprise\"")) {
                continue;
            }
            String name = user.path("username").asText();
            assertThat(user.path("realmRoles").size()).as("roles of %s", name).isEqualTo(1);
            JsonNode ids = user.path("attributes").path("enterprise_id");
            assertThat(ids.size()).as("enterprise_id of %s", name).isEqualTo(1);
            String code = ids.get(0).asText();
            assertThat(SocialCreditCode.isValid(code))
                    .as("%s's enterprise_id %s", name, code)
                    .isTrue();
            codes.add(code);
        }
        assertThat(codes).hasSizeGreaterThanOrEqualTo(6).doesNotHaveDuplicates();
    }

    @Test
    void onlyTheLocalDemoClientAllowsThePasswordGrant() throws IOException {
        for (JsonNode client : local().path("clients")) {
            boolean password = client.path("directAccessGrantsEnabled").asBoolean(false);
            assertThat(password)
                    .as("password grant of %s", client.path("clientId").asText())
                    .isEqualTo(CLI.equals(client.path("clientId").asText()));
        }
    }

    @Test
    void bothRealmsLockAccountsAndIssueFiveMinuteTokens() throws IOException {
        for (JsonNode realm : new JsonNode[] {local(), chart()}) {
            assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
            assertThat(realm.path("failureFactor").asInt()).isBetween(3, 10);
            assertThat(realm.path("permanentLockout").asBoolean()).isFalse();
            assertThat(realm.path("accessTokenLifespan").asInt()).isEqualTo(300);
        }
    }

    @Test
    void theChartRealmHasNoDemoUserNoPasswordGrantAndNoSecretButTheSameClientsAndAudiences() throws IOException {
        JsonNode chart = chart();
        assertThat(chart.has("users")).as("users in the chart realm").isFalse();
        assertThat(chart.path("sslRequired").asText()).isEqualTo("all");
        for (JsonNode client : chart.path("clients")) {
            String id = client.path("clientId").asText();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(true))
                    .as("password grant of %s", id)
                    .isFalse();
            assertThat(client.has("secret")).as("a fixed secret for %s", id).isFalse();
        }
        Map<String, Set<String>> expected = audiences(local());
        expected.remove(CLI);
        expected.remove(EXPIRY_PROBE);
        expected.remove(AUDIENCE_PROBE);
        assertThat(audiences(chart)).isEqualTo(expected);
        assertThat(chart.path("roles")).isEqualTo(local().path("roles"));
        assertThat(chart.path("clientScopes")).isEqualTo(local().path("clientScopes"));
    }

    @Test
    void theChartRendersItsRealmWithThePortalAsTheOnlyRedirect() throws IOException {
        var configMaps = HelmChartTest.of(
                        Yamls.resources(HelmChartTest.template(
                                Repo.chart(), t -> t.set("realm.portalUrl", "https://portal.wuxi.test"))),
                        "ConfigMap")
                .stream()
                .filter(r -> r.name().endsWith("-realm"))
                .toList();
        assertThat(configMaps).hasSize(1);
        JsonNode realm = JSON.readTree(configMaps
                .get(0)
                .node()
                .path("data")
                .path("grantflow-realm.json")
                .asText());
        JsonNode web = StreamSupport.stream(realm.path("clients").spliterator(), false)
                .filter(c -> c.path("clientId").asText().equals("grantflow-web"))
                .findFirst()
                .orElseThrow();
        assertThat(web.path("redirectUris").toString()).isEqualTo("[\"https://portal.wuxi.test/*\"]");
        assertThat(realm.path("users").isMissingNode()).isTrue();
    }
}
