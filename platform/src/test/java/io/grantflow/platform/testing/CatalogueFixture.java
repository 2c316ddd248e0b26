package io.grantflow.platform.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.Topics;
import io.grantflow.contracts.events.ProactiveOffer;
import io.grantflow.contracts.events.ProgrammePublishedV1;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * A few programmes as the eligibility service publishes them, sent to a test's own catalogue
 * topic on the real broker, for services that check codes and facts against the catalogue. The
 * facts follow the catalogue's data for these programmes.
 */
public final class CatalogueFixture {
    private CatalogueFixture() {}

    /** Publishes the fixture's programmes and waits until {@code directory} knows every one. */
    public static void publish(ObjectMapper json, ProgrammeDirectory directory) {
        List<ProgrammePublishedV1> programmes = programmes();
        for (ProgrammePublishedV1 p : programmes) {
            try {
                TestKafka.send(
                        KafkaTopicsResource.bootstrapServers(),
                        KafkaTopicsResource.topic(Topics.CATALOGUE_EVENTS),
                        p.code(),
                        MessageType.PROGRAMME_PUBLISHED_V1.ceType(),
                        json.writeValueAsString(p),
                        UUID.randomUUID().toString());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Awaitility.await("the programme directory knows the fixture's programmes")
                .atMost(Duration.ofSeconds(60))
                .until(() -> programmes.stream()
                        .allMatch(p -> directory.find(p.code()).isPresent()));
    }

    static List<ProgrammePublishedV1> programmes() {
        Instant at = Instant.parse("2025-05-23T00:00:00Z");
        return List.of(
                programme(
                        "S4-EDGE-COMPUTE",
                        "边缘智能算力建设补助",
                        true,
                        List.of("industry"),
                        List.of("enterprise", "park_operator"),
                        List.of(),
                        schema(Map.of("edge_purchase_cost", money()), List.of("edge_purchase_cost")),
                        at),
                programme(
                        "S3-PROVINCIAL-KEY-LAB",
                        "省级重点实验室",
                        true,
                        List.of("science"),
                        List.of("enterprise", "university", "institute"),
                        List.of("STAGED"),
                        schema(Map.of("lab_ref", text()), List.of("lab_ref")),
                        at),
                proven(
                        programme(
                                "S1-SRDI",
                                "专精特新企业",
                                true,
                                List.of("industry"),
                                List.of("enterprise"),
                                List.of(),
                                schema(
                                        Map.of(
                                                "honour_level",
                                                Map.of(
                                                        "type",
                                                        "string",
                                                        "enum",
                                                        List.of("national", "provincial"),
                                                        "maxLength",
                                                        500)),
                                        List.of("honour_level")),
                                at),
                        new ProactiveOffer(
                                ProactiveOffer.HONOUR_LIST, List.of("honour_level"), Map.of(), "一、培优育强市场主体 第2段第1句")),
                programme(
                        "S2-AI-PARK",
                        "人工智能特色园区",
                        true,
                        List.of("reform", "industry"),
                        List.of("district"),
                        List.of("BLOCK_GRANT"),
                        schema(
                                Map.of(
                                        "park_ref",
                                        text(),
                                        "evaluation",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("excellent", "good"),
                                                "maxLength",
                                                500)),
                                List.of("park_ref", "evaluation")),
                        at),
                programme(
                        "S9-TECH-PROVIDER",
                        "人工智能技术服务提供商奖励",
                        true,
                        List.of("industry"),
                        List.of("enterprise"),
                        List.of("ON_MERIT"),
                        schema(Map.of("has_own_model", Map.of("type", "boolean")), List.of("has_own_model")),
                        at),
                programme(
                        "S10-TALENT",
                        "人才政策",
                        false,
                        List.of("industry"),
                        List.of("enterprise"),
                        List.of(),
                        schema(Map.of(), List.of()),
                        at));
    }

    private static ProgrammePublishedV1 programme(
            String code,
            String nameZh,
            boolean administered,
            List<String> departments,
            List<String> kinds,
            List<String> flags,
            Map<String, Object> schema,
            Instant at) {
        return new ProgrammePublishedV1(
                code, "2025.1", nameZh, code, administered, departments, kinds, flags, schema, at);
    }

    /** 免申即享 (ADR 0020): the programme as a government record proves it. */
    private static ProgrammePublishedV1 proven(ProgrammePublishedV1 p, ProactiveOffer proactive) {
        return new ProgrammePublishedV1(
                p.code(),
                p.catalogueVersion(),
                p.nameZh(),
                p.nameEn(),
                p.administered(),
                p.departments(),
                p.beneficiaryKinds(),
                p.flags(),
                p.factsSchema(),
                p.publishedAt(),
                proactive);
    }

    private static Map<String, Object> money() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "number");
        m.put("minimum", 0);
        m.put("maximum", new BigDecimal("9999999999999.99"));
        m.put("multipleOf", new BigDecimal("0.01"));
        return m;
    }

    private static Map<String, Object> text() {
        return Map.of("type", "string", "minLength", 1, "maxLength", 500);
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("type", "object");
        s.put("additionalProperties", false);
        s.put("maxProperties", 50);
        s.put("properties", properties);
        s.put("required", required);
        return s;
    }
}
