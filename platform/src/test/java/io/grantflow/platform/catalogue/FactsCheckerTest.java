package io.grantflow.platform.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.platform.rest.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts checked against a programme's published schema, every problem naming its field. */
class FactsCheckerTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static ProgrammeDirectory.Programme programme() throws Exception {
        JsonNode schema = JSON.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "additionalProperties": false, "maxProperties": 50,
                 "properties": {
                   "cost": {"type": "number", "minimum": 0, "maximum": 9999999999999.99, "multipleOf": 0.01},
                   "pue": {"type": "number", "minimum": 0, "maximum": 1000000000, "multipleOf": 0.0001},
                   "grade": {"type": "string", "enum": ["A", "B"], "maxLength": 500},
                   "ref": {"type": "string", "minLength": 1, "maxLength": 500}},
                 "required": ["cost"]}""");
        return new ProgrammeDirectory.Programme(
                "S4-X", "v", "x", "x", true, List.of("industry"), List.of("enterprise"), List.of(), schema);
    }

    private static List<String> fields(Map<String, Object> facts) throws Exception {
        return new FactsChecker(JSON)
                .check(programme(), facts, "facts").stream()
                        .map(FieldError::field)
                        .toList();
    }

    @Test
    void exactAmountsAndDecimalsWithinTheirScaleAreAccepted() throws Exception {
        assertThat(fields(Map.of("cost", new BigDecimal("1000000.07"), "pue", new BigDecimal("1.245"))))
                .isEmpty();
        assertThat(fields(Map.of("cost", new BigDecimal("0.07"), "grade", "A", "ref", "P-1")))
                .isEmpty();
    }

    @Test
    void aFractionOfAFenAHugeNumberAWrongTypeAndAnUnknownValueAreEachNamed() throws Exception {
        assertThat(fields(Map.of("cost", new BigDecimal("1.001")))).containsExactly("facts.cost");
        assertThat(fields(Map.of("cost", new BigDecimal("1E+400")))).containsExactly("facts.cost");
        assertThat(fields(Map.of("cost", "abc"))).containsExactly("facts.cost");
        assertThat(fields(Map.of("cost", BigDecimal.ONE, "grade", "D"))).containsExactly("facts.grade");
    }

    @Test
    void aMissingFactAndAFactTheProgrammeDoesNotAskForAreNamed() throws Exception {
        assertThat(fields(Map.of("ref", "P-1"))).containsExactly("facts.cost");
        assertThat(fields(Map.of("cost", BigDecimal.ONE, "extra", "x"))).containsExactly("facts.extra");
    }

    @Test
    void aTextFactOfOnlyInvisibleCharactersOrWithNulIsRefused() throws Exception {
        assertThat(fields(Map.of("cost", BigDecimal.ONE, "ref", "\u200B"))).containsExactly("facts.ref");
        assertThat(fields(Map.of("cost", BigDecimal.ONE, "ref", "a\u0000b"))).containsExactly("facts.ref");
    }
}
