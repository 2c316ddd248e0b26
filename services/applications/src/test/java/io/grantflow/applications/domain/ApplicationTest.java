package io.grantflow.applications.domain;

import static io.grantflow.applications.domain.ApplicationStatus.APPROVED;
import static io.grantflow.applications.domain.ApplicationStatus.BUDGET_REFUSED;
import static io.grantflow.applications.domain.ApplicationStatus.ELIGIBLE;
import static io.grantflow.applications.domain.ApplicationStatus.FUNDS_RESERVED;
import static io.grantflow.applications.domain.ApplicationStatus.INELIGIBLE;
import static io.grantflow.applications.domain.ApplicationStatus.PAID;
import static io.grantflow.applications.domain.ApplicationStatus.PAYMENT_FAILED;
import static io.grantflow.applications.domain.ApplicationStatus.REJECTED;
import static io.grantflow.applications.domain.ApplicationStatus.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An application's review: which status may follow which, and what a reviewer may approve. */
class ApplicationTest {
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    private static final BigDecimal CEILING = new BigDecimal("300000.00");
    private static final String INDUSTRY = "industry";

    /** The review workflow as the policy's procedure describes it. */
    private static final Map<ApplicationStatus, Set<ApplicationStatus>> ALLOWED = Map.of(
            SUBMITTED, EnumSet.of(ELIGIBLE, INELIGIBLE),
            ELIGIBLE, EnumSet.of(APPROVED, REJECTED),
            APPROVED, EnumSet.of(FUNDS_RESERVED, BUDGET_REFUSED),
            FUNDS_RESERVED, EnumSet.of(PAID, PAYMENT_FAILED),
            INELIGIBLE, EnumSet.noneOf(ApplicationStatus.class),
            REJECTED, EnumSet.noneOf(ApplicationStatus.class),
            BUDGET_REFUSED, EnumSet.noneOf(ApplicationStatus.class),
            PAID, EnumSet.noneOf(ApplicationStatus.class),
            PAYMENT_FAILED, EnumSet.noneOf(ApplicationStatus.class));

    private static Application submitted() {
        return Application.submit(UUID.randomUUID(), "91320214AY4CL12T29", "S4-EDGE-COMPUTE", T0);
    }

    private static Application eligible() {
        Application app = submitted();
        app.evaluated(true, CEILING, INDUSTRY, null, null, T0.plusSeconds(1));
        return app;
    }

    private static Application approved(BigDecimal amount) {
        Application app = eligible();
        app.approve(amount, INDUSTRY, T0.plusSeconds(2));
        return app;
    }

    private static Application reserved() {
        Application app = approved(new BigDecimal("250000.00"));
        app.fundsReserved(app.reservationId(), T0.plusSeconds(3));
        return app;
    }

    private static void assertRefused(Runnable action, ApplicationRuleException.Kind kind, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ApplicationRuleException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.messageZh()).isNotBlank();
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(ApplicationStatus.class)
    void eachStatusMayMoveOnlyToTheStatusesOfTheWorkflow(ApplicationStatus from) {
        for (ApplicationStatus to : ApplicationStatus.values()) {
            assertThat(from.canMoveTo(to))
                    .as("%s -> %s", from, to)
                    .isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApplicationStatus.class)
    void everyStatusHasAChineseAndAnEnglishLabel(ApplicationStatus status) {
        assertThat(status.labelZh()).isNotBlank();
        assertThat(status.labelEn()).isNotBlank();
    }

    @Test
    void anApplicationTravelsFromSubmissionToPayment() {
        Application app = submitted();
        assertThat(app.status()).isEqualTo(SUBMITTED);

        app.evaluated(true, CEILING, INDUSTRY, null, null, T0.plusSeconds(1));
        assertThat(app.status()).isEqualTo(ELIGIBLE);
        assertThat(app.ceiling()).isEqualByComparingTo(CEILING);
        assertThat(app.department()).isEqualTo(INDUSTRY);

        UUID reservation = app.approve(new BigDecimal("250000.00"), INDUSTRY, T0.plusSeconds(2));
        assertThat(app.status()).isEqualTo(APPROVED);
        assertThat(app.approvedAmount()).isEqualByComparingTo("250000.00");
        assertThat(reservation).isNotNull().isEqualTo(app.reservationId());

        app.fundsReserved(reservation, T0.plusSeconds(3));
        assertThat(app.status()).isEqualTo(FUNDS_RESERVED);

        app.paid(reservation, new BigDecimal("250000.00"), T0.plusSeconds(4));
        assertThat(app.status()).isEqualTo(PAID);
        assertThat(app.paidAmount()).isEqualByComparingTo("250000.00");
        assertThat(app.updatedAt()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void anIneligibleApplicationKeepsItsReasonAndGoesNoFurther() {
        Application app = submitted();
        app.evaluated(false, null, INDUSTRY, "不在无锡市区", "outside the Wuxi urban districts", T0.plusSeconds(1));

        assertThat(app.status()).isEqualTo(INELIGIBLE);
        assertThat(app.reasonZh()).isEqualTo("不在无锡市区");
        assertThat(app.reasonEn()).isEqualTo("outside the Wuxi urban districts");
        assertRefused(
                () -> app.approve(new BigDecimal("1.00"), INDUSTRY, T0.plusSeconds(2)),
                ApplicationRuleException.Kind.CONFLICT,
                "INVALID_STATUS");
        assertThat(app.status()).isEqualTo(INELIGIBLE);
    }

    @Test
    void anApplicationIsEvaluatedOnlyOnce() {
        Application app = eligible();

        assertRefused(
                () -> app.evaluated(false, null, INDUSTRY, "x", "x", T0.plusSeconds(5)),
                ApplicationRuleException.Kind.CONFLICT,
                "INVALID_TRANSITION");
        assertThat(app.status()).isEqualTo(ELIGIBLE);
        assertThat(app.ceiling()).isEqualByComparingTo(CEILING);
    }

    @Test
    void aSubmittedApplicationCannotBeApprovedBeforeItsEvaluation() {
        Application app = submitted();

        // Not evaluated yet: no department is responsible, so nobody may decide.
        assertThatThrownBy(() -> app.approve(new BigDecimal("1.00"), INDUSTRY, T0.plusSeconds(1)))
                .isInstanceOf(ApplicationRuleException.class);
        assertThat(app.status()).isEqualTo(SUBMITTED);
    }

    @Test
    void theCeilingItselfMayBeApproved() {
        Application app = eligible();

        app.approve(CEILING, INDUSTRY, T0.plusSeconds(2));

        assertThat(app.status()).isEqualTo(APPROVED);
        assertThat(app.approvedAmount()).isEqualByComparingTo(CEILING);
    }

    @Test
    void oneFenAboveTheCeilingIsRefused() {
        Application app = eligible();

        assertThatThrownBy(() -> app.approve(new BigDecimal("300000.01"), INDUSTRY, T0.plusSeconds(2)))
                .isInstanceOfSatisfying(ApplicationRuleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApplicationRuleException.Kind.UNPROCESSABLE);
                    assertThat(e.code()).isEqualTo("AMOUNT_ABOVE_CEILING");
                    assertThat(e.field()).isEqualTo("amount");
                    assertThat(e.getMessage()).contains("300000.00");
                });
        assertThat(app.status()).isEqualTo(ELIGIBLE);
        assertThat(app.approvedAmount()).isNull();
        assertThat(app.reservationId()).isNull();
    }

    @Test
    void aReviewerOfAnotherDepartmentMayNotApproveNorReject() {
        Application app = eligible();

        assertRefused(
                () -> app.approve(new BigDecimal("1000.00"), "science", T0.plusSeconds(2)),
                ApplicationRuleException.Kind.FORBIDDEN,
                "WRONG_DEPARTMENT");
        assertRefused(
                () -> app.approve(new BigDecimal("1000.00"), null, T0.plusSeconds(2)),
                ApplicationRuleException.Kind.FORBIDDEN,
                "WRONG_DEPARTMENT");
        assertRefused(
                () -> app.reject("science", "不支持", "no", T0.plusSeconds(2)),
                ApplicationRuleException.Kind.FORBIDDEN,
                "WRONG_DEPARTMENT");
        assertThat(app.status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void anApplicationIsApprovedOnlyOnce() {
        Application app = eligible();
        UUID first = app.approve(new BigDecimal("100000.00"), INDUSTRY, T0.plusSeconds(2));

        assertRefused(
                () -> app.approve(new BigDecimal("200000.00"), INDUSTRY, T0.plusSeconds(3)),
                ApplicationRuleException.Kind.CONFLICT,
                "INVALID_STATUS");
        assertThat(app.approvedAmount()).isEqualByComparingTo("100000.00");
        assertThat(app.reservationId()).isEqualTo(first);
    }

    @Test
    void anApprovedApplicationCannotBeRejectedAfterwards() {
        Application app = approved(new BigDecimal("100000.00"));

        assertRefused(
                () -> app.reject(INDUSTRY, "改判", "changed mind", T0.plusSeconds(3)),
                ApplicationRuleException.Kind.CONFLICT,
                "INVALID_STATUS");
        assertThat(app.status()).isEqualTo(APPROVED);
    }

    @Test
    void aRejectionRecordsTheReasonForTheApplicant() {
        Application app = eligible();

        app.reject(INDUSTRY, "材料不全", "documents missing", T0.plusSeconds(2));

        assertThat(app.status()).isEqualTo(REJECTED);
        assertThat(app.reasonZh()).isEqualTo("材料不全");
        assertThat(app.reasonEn()).isEqualTo("documents missing");
        assertThat(app.reservationId()).isNull();
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"0", "0.00", "-0.01", "-1000"})
    void anApprovedAmountMustBePositive(String amount) {
        Application app = eligible();

        assertThatThrownBy(() -> app.approve(new BigDecimal(amount), INDUSTRY, T0.plusSeconds(2)))
                .isInstanceOfSatisfying(ApplicationRuleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApplicationRuleException.Kind.UNPROCESSABLE);
                    assertThat(e.code()).isEqualTo("AMOUNT_NOT_POSITIVE");
                    assertThat(e.field()).isEqualTo("amount");
                });
        assertThat(app.status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void eachApprovalAsksForItsOwnReservation() {
        UUID one = approved(new BigDecimal("1000.00")).reservationId();
        UUID other = approved(new BigDecimal("1000.00")).reservationId();

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void budgetAndPaymentEventsOfAnotherReservationAreRefused() {
        UUID foreign = UUID.randomUUID();
        Map<String, Consumer<Application>> onApproved = Map.of(
                "fundsReserved", app -> app.fundsReserved(foreign, T0.plusSeconds(3)),
                "budgetRefused", app -> app.budgetRefused(foreign, "额度不足", "no headroom", T0.plusSeconds(3)));
        onApproved.forEach((name, event) -> {
            Application app = approved(new BigDecimal("1000.00"));
            assertRefused(() -> event.accept(app), ApplicationRuleException.Kind.CONFLICT, "UNKNOWN_RESERVATION");
            assertThat(app.status()).as(name).isEqualTo(APPROVED);
        });
        Map<String, Consumer<Application>> onReserved = Map.of(
                "paid", app -> app.paid(foreign, new BigDecimal("250000.00"), T0.plusSeconds(4)),
                "paymentFailed", app -> app.paymentFailed(foreign, "账户已销户", "account closed", T0.plusSeconds(4)));
        onReserved.forEach((name, event) -> {
            Application app = reserved();
            assertRefused(() -> event.accept(app), ApplicationRuleException.Kind.CONFLICT, "UNKNOWN_RESERVATION");
            assertThat(app.status()).as(name).isEqualTo(FUNDS_RESERVED);
            assertThat(app.paidAmount()).as(name).isNull();
        });
    }

    @Test
    void aReservationEventBeforeAnyApprovalIsRefused() {
        Application app = eligible();

        assertRefused(
                () -> app.fundsReserved(UUID.randomUUID(), T0.plusSeconds(3)),
                ApplicationRuleException.Kind.CONFLICT,
                "UNKNOWN_RESERVATION");
        assertThat(app.status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void aPaymentCannotArriveBeforeTheFundsAreReserved() {
        Application app = approved(new BigDecimal("1000.00"));

        assertRefused(
                () -> app.paid(app.reservationId(), new BigDecimal("1000.00"), T0.plusSeconds(3)),
                ApplicationRuleException.Kind.CONFLICT,
                "INVALID_TRANSITION");
        assertThat(app.status()).isEqualTo(APPROVED);
    }

    @Test
    void aRefusedBudgetEndsTheApplicationWithTheBudgetsReason() {
        Application app = approved(new BigDecimal("1000.00"));

        app.budgetRefused(app.reservationId(), "超过预算总额", "budget exceeded", T0.plusSeconds(3));

        assertThat(app.status()).isEqualTo(BUDGET_REFUSED);
        assertThat(app.reasonEn()).isEqualTo("budget exceeded");
        assertRefused(
                () -> app.fundsReserved(app.reservationId(), T0.plusSeconds(4)),
                ApplicationRuleException.Kind.CONFLICT,
                "INVALID_TRANSITION");
    }

    @Test
    void aFailedPaymentIsFinalAndKeepsTheTreasurysReason() {
        Application app = reserved();

        app.paymentFailed(app.reservationId(), "收款账户已销户", "The beneficiary account is closed", T0.plusSeconds(4));

        assertThat(app.status()).isEqualTo(PAYMENT_FAILED);
        assertThat(app.reasonZh()).isEqualTo("收款账户已销户");
        assertRefused(
                () -> app.paid(app.reservationId(), new BigDecimal("250000.00"), T0.plusSeconds(5)),
                ApplicationRuleException.Kind.CONFLICT,
                "INVALID_TRANSITION");
    }
}
