package io.grantflow.budget.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.budget.domain.Approval;
import io.grantflow.budget.domain.Catalogue;
import io.grantflow.budget.domain.Claim;
import io.grantflow.budget.domain.InstalmentPlan;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.commands.ReverseFundsV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.platform.rest.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input is refused before the ledger sees it, naming every field at fault. */
class BudgetCommandsTest {
    /** A reservation command of the year 2026 with a fresh id and application. */
    private static ReserveFundsV1 reserveFunds(
            String programme,
            String department,
            String beneficiary,
            String kind,
            String amount,
            List<InstalmentAmount> instalments,
            List<LimitClaim> limits) {
        return new ReserveFundsV1(
                UUID.randomUUID(),
                UUID.randomUUID(),
                programme,
                department,
                beneficiary,
                kind,
                2026,
                new BigDecimal(amount),
                instalments,
                limits,
                Instant.now());
    }

    private static ReserveFundsV1 command(String beneficiary, String kind, String amount, List<LimitClaim> limits) {
        return reserveFunds("S4-EDGE-COMPUTE", "industry", beneficiary, kind, amount, List.of(), limits);
    }

    private static List<String> fields(ReserveFundsV1 c) {
        return fields(c, Catalogue.UNPUBLISHED, Approval.OF_APPLICATION);
    }

    private static final Approval FOUR_EYES = Approval.blockGrant("fin-officer", "fin-checker");
    private static final String ALPHA = "91320214AY4CL12T29";

    /** The catalogue as published: a programme of each kind the checks tell apart. */
    private static final Catalogue PUBLISHED = new Catalogue() {
        private final Map<String, Programme> programmes = Map.of(
                "S4-EDGE-COMPUTE", new Programme("S4-EDGE-COMPUTE", true, List.of("industry"), false),
                "S2-AI-PARK", new Programme("S2-AI-PARK", true, List.of("reform", "industry"), true),
                "S10-TALENT", new Programme("S10-TALENT", false, List.of("industry"), false));

        @Override
        public Optional<Programme> programme(String code) {
            return Optional.ofNullable(programmes.get(code));
        }

        @Override
        public boolean published() {
            return true;
        }
    };

    private static List<String> fields(ReserveFundsV1 c, Catalogue catalogue, Approval approval) {
        try {
            BudgetCommands.reserve(c, null, LedgerRules.DEFAULTS, catalogue, approval);
            return List.of();
        } catch (BudgetCommands.InvalidCommandException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    /** field:code of each error, so a test tells "unknown" from "not administered" and the like. */
    private static List<String> codes(ReserveFundsV1 c) {
        try {
            BudgetCommands.reserve(c, null, LedgerRules.DEFAULTS, PUBLISHED, Approval.OF_APPLICATION);
            return List.of();
        } catch (BudgetCommands.InvalidCommandException e) {
            return e.errors().stream().map(f -> f.field() + ":" + f.code()).toList();
        }
    }

    private static ReserveFundsV1 award(String programme, String department, String beneficiary, String kind) {
        return reserveFunds(programme, department, beneficiary, kind, "1.00", List.of(), List.of());
    }

    @Test
    void onlyADistrictMayBeTheBeneficiaryOfABlockGrantSoNoEnterpriseEscapesG4() {
        assertThat(fields(command(ALPHA, "district", "1.00", List.of()), Catalogue.UNPUBLISHED, FOUR_EYES))
                .containsExactly("beneficiaryId");
        assertThat(fields(command("xinwu", "district", "1.00", List.of()), Catalogue.UNPUBLISHED, FOUR_EYES))
                .isEmpty();
        assertThat(fields(command("x", "martian", "1.00", List.of()))).containsExactly("beneficiaryKind");
    }

    @Test
    void aBlockGrantWithoutTheFourEyesOfFinanceIsRefusedWhateverItsCodes() {
        assertThat(fields(command("xinwu", "district", "1.00", List.of()))).containsExactly("beneficiaryKind");
    }

    @Test
    void aBeneficiaryIsAUnifiedSocialCreditCodeWithItsCheckCharacter() {
        assertThat(fields(command(ALPHA, null, "1.00", List.of()))).isEmpty();
        assertThat(fields(command("91320214AY4CL12T28", null, "1.00", List.of())))
                .containsExactly("beneficiaryId");
        assertThat(fields(command("91320214AY4\u202ECL12T2", null, "1.00", List.of())))
                .containsExactly("beneficiaryId");
        assertThat(fields(command("91320214ay4cl12t29", null, "1.00", List.of())))
                .containsExactly("beneficiaryId");
        assertThat(fields(command("９１320214AY4CL12T29", null, "1.00", List.of())))
                .containsExactly("beneficiaryId");
    }

    @Test
    void againstThePublishedCatalogueTheProgrammeMustExistBeAdministeredAndBelongToTheDepartment() {
        assertThat(fields(award("S4-EDGE-COMPUTE", "industry", ALPHA, null), PUBLISHED, Approval.OF_APPLICATION))
                .isEmpty();
        assertThat(fields(award("S99-NOPE", "industry", ALPHA, null), PUBLISHED, Approval.OF_APPLICATION))
                .containsExactly("programme");
        assertThat(fields(award("S10-TALENT", "industry", ALPHA, null), PUBLISHED, Approval.OF_APPLICATION))
                .containsExactly("programme");
        assertThat(fields(award("S4-EDGE-COMPUTE", "science", ALPHA, null), PUBLISHED, Approval.OF_APPLICATION))
                .containsExactly("department");
        assertThat(fields(award("S4-EDGE-COMPUTE", "nope", ALPHA, null), PUBLISHED, Approval.OF_APPLICATION))
                .contains("department");
        // the same codes the applications service answers for the same mistakes
        assertThat(codes(award("S99-NOPE", "industry", ALPHA, null))).containsExactly("programme:UNKNOWN_PROGRAMME");
        assertThat(codes(award("S10-TALENT", "industry", ALPHA, null))).containsExactly("programme:NOT_ADMINISTERED");
        assertThat(codes(award("S4-EDGE-COMPUTE", "nope", ALPHA, null)))
                .containsExactly("department:UNKNOWN_DEPARTMENT");
        assertThat(codes(award("S4-EDGE-COMPUTE", "science", ALPHA, null)))
                .containsExactly("department:NOT_THE_PROGRAMMES_DEPARTMENT");
        // a block-grant programme only as a block grant, and a block grant only of such a programme
        assertThat(fields(award("S2-AI-PARK", "reform", ALPHA, null), PUBLISHED, Approval.OF_APPLICATION))
                .containsExactly("programme");
        assertThat(fields(award("S2-AI-PARK", "reform", "xinwu", "district"), PUBLISHED, FOUR_EYES))
                .isEmpty();
        assertThat(fields(award("S4-EDGE-COMPUTE", "industry", "xinwu", "district"), PUBLISHED, FOUR_EYES))
                .containsExactly("programme");
    }

    @Test
    void aFractionOfAFenAnUnknownLimitAndAnOversizedKeyAreEachNamed() {
        assertThat(fields(command(ALPHA, null, "1.001", List.of()))).containsExactly("amount");
        assertThat(fields(command(ALPHA, null, "1.00", List.of(new LimitClaim("MOON", "k", BigDecimal.ONE, null)))))
                .containsExactly("limits[0].kind");
        assertThat(fields(command(
                        ALPHA, null, "1.00", List.of(LimitClaim.count(LimitKind.EXCLUSIVE_GROUP, "k".repeat(151), 1)))))
                .containsExactly("limits[0].key");
        assertThat(fields(command(
                        ALPHA,
                        null,
                        "1.00",
                        List.of(new LimitClaim("BENEFICIARY_YEAR_COUNT", "k", new BigDecimal("1e30"), null)))))
                .containsExactly("limits[0].limit");
    }

    @Test
    void aCountIsAWholeNumberOfAwardsAndAnAmountIsMoneyEachInItsOwnField() {
        // an amount where a count belongs, a count out of range, a count where an amount belongs
        assertThat(fields(command(
                        ALPHA,
                        null,
                        "1.00",
                        List.of(new LimitClaim("BENEFICIARY_YEAR_COUNT", "k", new BigDecimal("10.50"), null)))))
                .containsExactly("limits[0].limit");
        assertThat(fields(command(ALPHA, null, "1.00", List.of(new LimitClaim("EXCLUSIVE_GROUP", "k", null, -1)))))
                .containsExactly("limits[0].count");
        assertThat(fields(command(
                        ALPHA,
                        null,
                        "1.00",
                        List.of(new LimitClaim("SUBJECT_CUMULATIVE", "k", new BigDecimal("5.00"), 3)))))
                .containsExactly("limits[0].count");
        assertThat(fields(command(ALPHA, null, "1.00", List.of(new LimitClaim("SUBJECT_CUMULATIVE", "k", null, null)))))
                .containsExactly("limits[0].limit");
        // a V1 message written before counts were integers ("10.00") is read as the count 10
        var legacy = BudgetCommands.reserve(
                command(
                        ALPHA,
                        null,
                        "1.00",
                        List.of(new LimitClaim(
                                "BENEFICIARY_YEAR_COUNT", ALPHA + "/2026", new BigDecimal("10.00"), null))),
                null,
                LedgerRules.DEFAULTS,
                Catalogue.UNPUBLISHED,
                Approval.OF_APPLICATION);
        assertThat(legacy.request().claims())
                .containsExactly(new Claim(LimitKind.BENEFICIARY_YEAR_COUNT, ALPHA + "/2026", 10));
        assertThat(fields(command("B".repeat(65), null, "1.00", List.of()))).containsExactly("beneficiaryId");
    }

    @Test
    void aCommandOfAnOlderProducerWithoutKindOrInstalmentsIsAnEnterprisesOneOffAward() {
        ReserveFundsV1 old = reserveFunds("S4-EDGE-COMPUTE", "industry", ALPHA, null, "5.00", null, null);
        var reserve = BudgetCommands.reserve(old, null, LedgerRules.DEFAULTS, Catalogue.UNPUBLISHED);
        assertThat(reserve.request().beneficiaryKind()).isEqualTo("enterprise");
        assertThat(reserve.request().instalments()).hasSize(1);
    }

    @Test
    void eachInstalmentKeepsTheConditionItsStagingNamesAndAnUnknownConditionIsNamed() {
        ReserveFundsV1 staged = reserveFunds(
                "S3-PROVINCIAL-KEY-LAB",
                "science",
                ALPHA,
                "enterprise",
                "10.00",
                List.of(
                        new InstalmentAmount(2026, new BigDecimal("5.00"), InstalmentAmount.NONE),
                        new InstalmentAmount(2027, new BigDecimal("3.00"), InstalmentAmount.MILESTONE),
                        new InstalmentAmount(2028, new BigDecimal("2.00"))),
                null);
        var reserve = BudgetCommands.reserve(staged, null, LedgerRules.DEFAULTS, Catalogue.UNPUBLISHED);
        assertThat(reserve.request().instalments())
                .extracting(InstalmentPlan::condition)
                .containsExactly("NONE", "MILESTONE", null);

        ReserveFundsV1 unknown = reserveFunds(
                "S3-PROVINCIAL-KEY-LAB",
                "science",
                ALPHA,
                "enterprise",
                "10.00",
                List.of(
                        new InstalmentAmount(2026, new BigDecimal("5.00")),
                        new InstalmentAmount(2027, new BigDecimal("5.00"), "WHEN_READY")),
                null);
        assertThat(fields(unknown)).containsExactly("instalments[1].condition");
    }

    @Test
    void aClawbackOfNothingIsBadInput() {
        assertThatThrownBy(() -> BudgetCommands.reverse(new ReverseFundsV1(
                        UUID.randomUUID(), UUID.randomUUID(), new BigDecimal("0.00"), "x", Instant.now())))
                .isInstanceOf(BudgetCommands.InvalidCommandException.class);
    }

    @Test
    void aPaymentPostsUnderItsOwnIdSoTheSamePaymentInAnotherEnvelopeIsOnePosting() {
        var paid = new PaymentCompletedV1(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "B",
                new BigDecimal("10.00"),
                "TR",
                Instant.now());
        assertThat(BudgetCommands.post(paid).paymentId())
                .isEqualTo(paid.paymentId().toString());
    }
}
