package io.grantflow.eligibility.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.grantflow.eligibility.application.CatalogueLoader;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.domain.catalogue.StagePlan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S4-EDGE-COMPUTE as the policy text states it: 30% of the purchase cost of edge intelligent
 * compute products, at most 1,000,000 yuan, for enterprises and park operators in the Wuxi urban
 * districts, from 2025-05-23 to 2027-12-31.
 */
class EvaluatorTest {
    private static final String PROGRAMME = "S4-EDGE-COMPUTE";
    private static final String COST = "edge_purchase_cost";
    private static final String ALPHA = "91320214AY4CL12T29";
    private static final LocalDate IN_FORCE = LocalDate.of(2026, 3, 1);

    private final Evaluator evaluator = new Evaluator(CatalogueLoader.loadFromClasspath());

    private static Applicant enterprise(String district) {
        return new Applicant(ALPHA, "enterprise", district);
    }

    private static Map<String, Object> cost(Object value) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(COST, value);
        return facts;
    }

    private Evaluation evaluate(LocalDate asOf, Applicant applicant, Map<String, Object> facts) {
        return evaluator.evaluate(PROGRAMME, asOf, applicant, facts);
    }

    @ParameterizedTest(name = "an enterprise in {0} is eligible")
    @ValueSource(strings = {"liangxi", "xishan", "huishan", "binhu", "xinwu", "jingkai"})
    void anEnterpriseInAnUrbanDistrictGetsThirtyPercentOfItsPurchaseCost(String district) {
        Evaluation e = evaluate(IN_FORCE, enterprise(district), cost(new BigDecimal("1000000")));

        assertThat(e.eligible()).isTrue();
        assertThat(e.reasons()).isEmpty();
        assertThat(e.ceiling())
                .hasValueSatisfying(c -> assertThat(c.toPlainString()).isEqualTo("300000.00"));
        assertThat(e.department()).isEqualTo("industry");
        assertThat(e.programme()).isEqualTo(PROGRAMME);
    }

    @Test
    void aKeyLaboratorysStagesArePaidByStageAndACarrierPlatformsByYearAsTheCatalogueSays() {
        Evaluation lab = evaluator.evaluate(
                "S3-PROVINCIAL-KEY-LAB",
                IN_FORCE,
                new Applicant("12320211PTTF8U37A8", "institute", "binhu"),
                Map.of("lab_ref", "LAB-P-STAGES"));
        assertThat(lab.instalments())
                .extracting(Instalment::yearOffset, Instalment::amount, Instalment::condition)
                .containsExactly(
                        tuple(0, new BigDecimal("5000000.00"), StagePlan.Condition.NONE),
                        tuple(1, new BigDecimal("5000000.00"), StagePlan.Condition.MILESTONE),
                        tuple(2, new BigDecimal("5000000.00"), StagePlan.Condition.MILESTONE),
                        tuple(3, new BigDecimal("5000000.00"), StagePlan.Condition.MILESTONE));
    }

    @Test
    void aParkOperatorIsEligibleToo() {
        Evaluation e = evaluate(
                IN_FORCE,
                new Applicant("91320213EKB845UM92", "park_operator", "liangxi"),
                cost(new BigDecimal("200000.00")));

        assertThat(e.eligible()).isTrue();
        assertThat(e.ceiling())
                .hasValueSatisfying(c -> assertThat(c.toPlainString()).isEqualTo("60000.00"));
    }

    @ParameterizedTest(name = "a {0} is not funded")
    @ValueSource(strings = {"individual", "research_institute", "university"})
    void otherKindsOfApplicantAreNotFunded(String kind) {
        Evaluation e =
                evaluate(IN_FORCE, new Applicant("91320213EKB845UM92", kind, "binhu"), cost(new BigDecimal("1000000")));

        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons()).containsExactly(ReasonCode.WRONG_BENEFICIARY_KIND);
        assertThat(e.ceiling()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is outside the jurisdiction")
    @ValueSource(strings = {"jiangyin", "yixing"})
    void theCountyLevelCitiesAreOutsideTheJurisdiction(String district) {
        Evaluation e = evaluate(IN_FORCE, enterprise(district), cost(new BigDecimal("1000000")));

        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons()).containsExactly(ReasonCode.OUTSIDE_JURISDICTION);
        assertThat(e.ceiling()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is outside the validity")
    @ValueSource(strings = {"2025-05-22", "2028-01-01", "2024-12-31", "2030-06-01"})
    void datesOutsideThePolicysValidityAreRefused(String date) {
        Evaluation e = evaluate(LocalDate.parse(date), enterprise("binhu"), cost(new BigDecimal("1000000")));

        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons()).containsExactly(ReasonCode.OUTSIDE_VALIDITY);
        assertThat(e.ceiling()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is within the validity")
    @ValueSource(strings = {"2025-05-23", "2027-12-31"})
    void theFirstAndLastDayOfTheValidityCount(String date) {
        Evaluation e = evaluate(LocalDate.parse(date), enterprise("binhu"), cost(new BigDecimal("1000000")));

        assertThat(e.eligible()).isTrue();
        assertThat(e.reasons()).isEmpty();
    }

    @Test
    void aMissingPurchaseCostMakesTheApplicationIneligible() {
        Evaluation e = evaluate(IN_FORCE, enterprise("binhu"), Map.of("other_fact", new BigDecimal("10")));

        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons()).containsExactly(ReasonCode.MISSING_FACT);
        assertThat(e.ceiling()).isEmpty();
    }

    @Test
    void noFactsAtAllIsAMissingFactToo() {
        Evaluation e = evaluate(IN_FORCE, enterprise("binhu"), null);

        assertThat(e.reasons()).containsExactly(ReasonCode.MISSING_FACT);
    }

    @Test
    void everyReasonThatAppliesIsReturnedAtOnce() {
        Evaluation e = evaluate(
                LocalDate.of(2028, 1, 1), new Applicant("91320213EKB845UM92", "individual", "jiangyin"), Map.of());

        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons())
                .containsExactlyInAnyOrder(
                        ReasonCode.OUTSIDE_VALIDITY,
                        ReasonCode.OUTSIDE_JURISDICTION,
                        ReasonCode.WRONG_BENEFICIARY_KIND,
                        ReasonCode.MISSING_FACT);
        assertThat(e.ceiling()).isEmpty();
    }

    @Test
    void everyReasonHasAChineseAndAnEnglishMessage() {
        Evaluation e = evaluate(
                LocalDate.of(2028, 1, 1), new Applicant("91320213EKB845UM92", "individual", "yixing"), Map.of());

        assertThat(e.reasons()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.messageZh()).isNotBlank();
            assertThat(r.messageEn()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0} is not an amount")
    @ValueSource(strings = {"-1", "-0.01", "100.001", "0.005"})
    void negativeAmountsAndFractionsOfAFenAreBadInputNamingTheFact(String amount) {
        assertThatThrownBy(() -> evaluate(IN_FORCE, enterprise("binhu"), cost(new BigDecimal(amount))))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_FACT");
                    assertThat(e.field()).isEqualTo("facts." + COST);
                });
    }

    @Test
    void aFloatingPointNumberIsRefusedEvenWhenItLooksExact() {
        assertThatThrownBy(() -> evaluate(IN_FORCE, enterprise("binhu"), cost(1000000.5d)))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_FACT");
                    assertThat(e.field()).isEqualTo("facts." + COST);
                });
    }

    @Test
    void textThatIsNotAnAmountIsRefused() {
        assertThatThrownBy(() -> evaluate(IN_FORCE, enterprise("binhu"), cost("one million")))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.field()).isEqualTo("facts." + COST));
    }

    @Test
    void wholeNumbersAreReadExactly() {
        assertThat(evaluate(IN_FORCE, enterprise("binhu"), cost(1000000)).ceiling())
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("300000"));
        assertThat(evaluate(IN_FORCE, enterprise("binhu"), cost(1000000L)).ceiling())
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("300000"));
    }

    @Test
    void anUnknownProgrammeIsReportedBeforeAnInvalidApplicantId() {
        assertThatThrownBy(() -> evaluator.evaluate(
                        "S9-NO-SUCH",
                        IN_FORCE,
                        new Applicant("91320214AY4CL12T28", "enterprise", "binhu"),
                        cost(new BigDecimal("1000000"))))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNKNOWN_PROGRAMME");
                    assertThat(e.field()).isEqualTo("programme");
                });
    }

    @ParameterizedTest(name = "applicant id {0}")
    @ValueSource(strings = {"91320214AY4CL12T28", "91320214AY4CL12T2", "not-a-code"})
    void anEnterpriseWithAnInvalidSocialCreditCodeIsBadInput(String id) {
        assertThatThrownBy(() ->
                        evaluate(IN_FORCE, new Applicant(id, "enterprise", "binhu"), cost(new BigDecimal("1000000"))))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_APPLICANT_ID");
                    assertThat(e.field()).isEqualTo("applicant.id");
                    assertThat(e.messageZh()).isNotBlank();
                });
    }

    @ParameterizedTest(name = "cost {0} gives a ceiling of {1}")
    @CsvSource({
        "333333.33, 99999.99", // 99,999.999 rounds down to the fen
        "0.04, 0.01",
        "1000000, 300000.00",
        "3333333.33, 999999.99", // just under the cap
        "3333333.34, 1000000.00", // 1,000,000.002: the cap
        "4000000, 1000000.00", // 1,200,000: capped
        "9999999999999.99, 1000000.00"
    })
    void theCeilingIsThirtyPercentRoundedDownToTheFenAndCappedAtOneMillion(String cost, String ceiling) {
        Evaluation e = evaluate(IN_FORCE, enterprise("binhu"), cost(new BigDecimal(cost)));

        assertThat(e.eligible()).isTrue();
        assertThat(e.ceiling())
                .hasValueSatisfying(c -> assertThat(c.toPlainString()).isEqualTo(ceiling));
    }

    @Test
    void theTraceNamesTheClauseOfThePolicyAndShowsTheCalculation() {
        Evaluation e = evaluate(IN_FORCE, enterprise("binhu"), cost(new BigDecimal("4000000")));

        assertThat(e.trace()).anySatisfy(step -> {
            assertThat(step.clause()).contains("推动智能算力建设").contains("30%");
            assertThat(step.detailEn()).contains("0.3").contains("4000000").contains("1200000");
        });
        assertThat(e.trace()).anySatisfy(step -> {
            assertThat(step.clause()).contains("最高100万元");
            assertThat(step.detailEn()).contains("cap 1000000");
        });
        assertThat(e.trace()).anySatisfy(step -> assertThat(step.detailZh()).contains("1000000.00"));
        assertThat(e.trace()).allSatisfy(step -> assertThat(step.clause()).isNotBlank());
        assertThat(e.traceSummary()).contains("1000000.00");
        assertThat(e.catalogueVersion()).isNotBlank();
    }

    @Test
    void anIneligibleApplicationStillExplainsWhatWasChecked() {
        Evaluation e = evaluate(IN_FORCE, enterprise("jiangyin"), cost(new BigDecimal("1000000")));

        assertThat(e.trace()).anySatisfy(step -> assertThat(step.detailEn()).contains("jiangyin"));
    }

    @Test
    void screeningAProfileGivesWhatEachProgrammeGivesAlone() {
        List<ProgrammeDef> programmes = List.copyOf(evaluator.policy().allProgrammes());
        Map<String, Object> facts = cost(new BigDecimal("2500000"));
        facts.put("main_revenue", new BigDecimal("120000000.00"));

        List<Evaluation> screened = evaluator.screen(programmes, IN_FORCE, enterprise("xinwu"), facts, List.of());

        assertThat(screened).hasSize(programmes.size());
        for (int i = 0; i < programmes.size(); i++) {
            Evaluation alone = evaluator.evaluate(programmes.get(i).code(), IN_FORCE, enterprise("xinwu"), facts);
            assertThat(screened.get(i)).as(programmes.get(i).code()).isEqualTo(alone);
        }
        assertThat(screened)
                .filteredOn(Evaluation::eligible)
                .extracting(Evaluation::programme)
                .contains(PROGRAMME);
    }

    @Test
    void screeningRefusesABadApplicantOnce() {
        assertThatThrownBy(() -> evaluator.screen(
                        List.copyOf(evaluator.policy().allProgrammes()),
                        IN_FORCE,
                        new Applicant("91320214AY4CL12T2X", "enterprise", "xinwu"),
                        cost(BigDecimal.ONE),
                        List.of()))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.code()).isEqualTo("INVALID_APPLICANT_ID"));
    }
}
