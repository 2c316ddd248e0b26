package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.ProcedureState.*;
import static io.grantflow.applications.domain.procedure.Run.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.applications.domain.calendar.AnnouncementPeriod;
import io.grantflow.applications.domain.calendar.Deadline;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The procedure's rules, step by step: who may do what, with which content, and what it records. */
class ProcedureTest {
    private static final BudgetRefusal NO_HEADROOM = new BudgetRefusal(
            "LIMIT_EXCEEDED",
            "programme:S4-EDGE-COMPUTE:2026",
            new BigDecimal("120000.00"),
            AMOUNT,
            Bilingual.of("项目年度额度不足", "the programme's year has too little left"),
            T0);

    /** The refusal is of this kind and code, changes nothing, and records no event. */
    private static void assertRefused(Run r, Consumer<Run> command, ProcedureException.Kind kind, String code) {
        Procedure.Snapshot before = r.p.snapshot();
        int events = r.p.pendingEvents().size();
        assertThatThrownBy(() -> command.accept(r)).isInstanceOfSatisfying(ProcedureException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.text().zh()).isNotBlank();
            assertThat(e.text().en()).isNotBlank();
        });
        assertThat(r.p.snapshot()).isEqualTo(before);
        assertThat(r.p.pendingEvents()).hasSize(events);
    }

    private static void forbidden(Run r, Consumer<Run> command, String code) {
        assertRefused(r, command, ProcedureException.Kind.FORBIDDEN, code);
    }

    private static void unprocessable(Run r, Consumer<Run> command, String code) {
        assertRefused(r, command, ProcedureException.Kind.UNPROCESSABLE, code);
    }

    private static void conflict(Run r, Consumer<Run> command, String code) {
        assertRefused(r, command, ProcedureException.Kind.CONFLICT, code);
    }

    @Test
    void anAwardTravelsTheWholeProcedureWithOneEventPerStep() {
        Run r = new Run().submit().evaluate(eligible(CEILING)).claim();
        r.p.requestCorrection(REVIEWER, ITEMS, r.tick());
        r.p.resubmit(ENTERPRISE, 1, Set.of("edge_purchase_cost", "attachments.invoice"), r.tick());
        r.p.recordReevaluation(ELIGIBILITY, Run.revised(eligible(CEILING), 1), r.tick());
        r.recommend(AMOUNT).announce().closeAnnouncement();
        r.p.recordFundsReserved(BUDGET, r.reservation, r.tick());
        r.pay(AMOUNT);
        r.p.close(REVIEWER, null, r.tick());

        assertThat(r.p.state()).isEqualTo(CLOSED);
        assertThat(r.p.pendingEvents())
                .extracting(ProcedureEvent::type)
                .containsExactly(
                        "DraftCreated",
                        "Submitted",
                        "FoundEligible",
                        "ReviewClaimed",
                        "CorrectionRequested",
                        "CorrectionResubmitted",
                        "Reevaluated",
                        "Recommended",
                        "AnnouncementStarted",
                        "Approved",
                        "FundsReserved",
                        "PaymentRecorded",
                        "Closed");
        assertThat(r.p.version()).isEqualTo(13);
        assertThat(r.p.paid()).isEqualByComparingTo(AMOUNT);
        assertThat(r.p.drainEvents()).hasSize(13);
        assertThat(r.p.pendingEvents()).isEmpty();
    }

    @Test
    void aRestoredProcedureIsTheSameAndHasNoPendingEvent() {
        Run r = Run.at(OBJECTION_RAISED);
        Procedure restored = Procedure.restore(r.p.snapshot(), CALENDAR);

        assertThat(restored.snapshot()).isEqualTo(r.p.snapshot());
        assertThat(restored.pendingEvents()).isEmpty();
        restored.dismissObjections(REVIEWER, WHY, r.tick());
        assertThat(restored.state()).isEqualTo(IN_ANNOUNCEMENT);
        assertThat(restored.version()).isEqualTo(r.p.version() + 1);
    }

    @Test
    void aCommandDatedBeforeTheLastChangeIsRefused() {
        Run r = Run.at(ELIGIBLE);

        conflict(r, x -> x.p.claim(REVIEWER, x.now.minusSeconds(1)), "BEFORE_LAST_CHANGE");
        r.p.claim(REVIEWER, r.now); // the same instant is fine
    }

    @Nested
    class Submission {
        @Test
        void onlyTheApplicantStartsAndSubmitsItsDraft() {
            assertThatThrownBy(() -> Procedure.draft(
                            UUID.randomUUID(),
                            APPLICANT,
                            PROGRAMME,
                            ProcedureSettings.DEFAULT,
                            OTHER_ENTERPRISE,
                            T0,
                            CALENDAR))
                    .isInstanceOfSatisfying(
                            ProcedureException.class, e -> assertThat(e.code()).isEqualTo("NOT_THE_APPLICANT"));
            assertThatThrownBy(() -> Procedure.draft(
                            UUID.randomUUID(), APPLICANT, PROGRAMME, ProcedureSettings.DEFAULT, REVIEWER, T0, CALENDAR))
                    .isInstanceOf(ProcedureException.class);

            Run r = new Run();
            ProcedureEvent.DraftCreated created =
                    (ProcedureEvent.DraftCreated) r.p.pendingEvents().get(0);
            assertThat(created.header().command()).isEqualTo(ProcedureCommand.CREATE_DRAFT);
            assertThat(created.header().from()).isNull();
            assertThat(created.applicantId()).isEqualTo(APPLICANT);
            forbidden(r, x -> x.p.submit(OTHER_ENTERPRISE, x.tick()), "NOT_THE_APPLICANT");
            forbidden(r, x -> x.p.submit(REVIEWER, x.tick()), "NOT_THE_APPLICANT");
            r.p.submit(ENTERPRISE, r.tick());
            assertThat(r.p.state()).isEqualTo(SUBMITTED);
        }

        @Test
        void onlyTheEligibilityServiceAnswers() {
            Run r = new Run().submit();

            forbidden(r, x -> x.p.recordEvaluation(REVIEWER, eligible(CEILING), x.tick()), "ROLE_NOT_ALLOWED");
            forbidden(r, x -> x.p.recordEvaluation(ENTERPRISE, eligible(CEILING), x.tick()), "ROLE_NOT_ALLOWED");
        }

        @Test
        void anEligibleApplicationStartsTheReviewClockOfItsProgramme() {
            Run r = new Run(ProcedureSettings.DEFAULT.withReviewWorkingDays(10)).submit();
            ProcedureEvent e = r.p.recordEvaluation(ELIGIBILITY, eligible(CEILING), r.tick());

            assertThat(r.p.state()).isEqualTo(ELIGIBLE);
            assertThat(r.p.department()).isEqualTo("industry");
            // Monday 2 March 2026 + 10 working days
            Deadline deadline = ((ProcedureEvent.FoundEligible) e).reviewDeadline();
            assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2026, 3, 16));
            assertThat(r.p.reviewDeadline()).contains(deadline);
            assertThat(r.p.reviewWorkingDaysLeft(r.now)).contains(10);
        }

        @Test
        void anIneligibleApplicationKeepsItsReasonAndEnds() {
            Run r = new Run().submit();
            ProcedureEvent e = r.p.recordEvaluation(ELIGIBILITY, ineligible(), r.tick());

            assertThat(e).isInstanceOf(ProcedureEvent.FoundIneligible.class);
            assertThat(r.p.state()).isEqualTo(INELIGIBLE);
            assertThat(r.p.outcome().en()).isEqualTo("outside the Wuxi urban districts");
            assertThat(r.p.reviewDeadline()).isEmpty();
        }

        @Test
        void anEvaluationNamingNoKnownDepartmentOrABlockGrantIsRefused() {
            Run r = new Run().submit();
            Evaluation nowhere = new Evaluation(true, CEILING, "nope", Set.of(), "v", List.of(), T0);

            unprocessable(r, x -> x.p.recordEvaluation(ELIGIBILITY, nowhere, x.tick()), "UNKNOWN_DEPARTMENT");
            unprocessable(
                    r,
                    x -> x.p.recordEvaluation(ELIGIBILITY, eligible(CEILING, ProgrammeFlag.BLOCK_GRANT), x.tick()),
                    "BLOCK_GRANT_NOT_AN_APPLICATION");
        }
    }

    @Nested
    class Review {
        @Test
        void aReviewerOfTheProgrammesDepartmentClaimsIt() {
            Run r = Run.at(ELIGIBLE);

            forbidden(r, x -> x.p.claim(OTHER_DEPARTMENT, x.tick()), "WRONG_DEPARTMENT");
            forbidden(r, x -> x.p.claim(ENTERPRISE, x.tick()), "ROLE_NOT_ALLOWED");
            forbidden(r, x -> x.p.claim(CITY, x.tick()), "ROLE_NOT_ALLOWED");
            forbidden(r, x -> x.p.claim(FINANCE, x.tick()), "ROLE_NOT_ALLOWED");
            ProcedureEvent.ReviewClaimed e = r.p.claim(REVIEWER, r.tick());
            assertThat(e.reviewer()).isEqualTo(REVIEWER.id());
            assertThat(r.p.claimedBy()).isEqualTo(REVIEWER.id());
            // a second claim is a transition the state no longer allows
            assertThatThrownBy(() -> r.p.claim(SECOND, r.tick())).isInstanceOf(IllegalTransitionException.class);
        }

        @Test
        void onlyTheClaimantRequestsCorrectionsRecommendsOrRejects() {
            Run r = Run.underReview();

            forbidden(r, x -> x.p.requestCorrection(SECOND, ITEMS, x.tick()), "NOT_THE_CLAIMANT");
            forbidden(r, x -> x.p.recommend(SECOND, AMOUNT, WHY, null, x.tick()), "NOT_THE_CLAIMANT");
            forbidden(r, x -> x.p.reject(SECOND, WHY, x.tick()), "NOT_THE_CLAIMANT");
            forbidden(r, x -> x.p.recommend(OTHER_DEPARTMENT, AMOUNT, WHY, null, x.tick()), "WRONG_DEPARTMENT");
        }

        @Test
        void aRejectionNeedsReasonsInBothLanguagesAndEnds() {
            Run r = Run.underReview();

            unprocessable(r, x -> x.p.reject(REVIEWER, null, x.tick()), "REASONS_REQUIRED");
            unprocessable(r, x -> x.p.reject(REVIEWER, Bilingual.of("材料不全", " "), x.tick()), "REASONS_REQUIRED");
            unprocessable(
                    r,
                    x -> x.p.reject(REVIEWER, Bilingual.of("长".repeat(2_001), "long"), x.tick()),
                    "REASONS_TOO_LONG");
            r.p.reject(REVIEWER, WHY, r.tick());
            assertThat(r.p.state()).isEqualTo(REJECTED);
            assertThat(r.p.outcome()).isEqualTo(WHY);
        }
    }

    @Nested
    class Correction {
        @Test
        void oneNoticeListsEveryItemWithItsFieldAndTheClockStandsStill() {
            Run r = Run.underReview();
            int left = r.p.reviewWorkingDaysLeft(r.now).orElseThrow();
            ProcedureEvent.CorrectionRequested e = r.p.requestCorrection(REVIEWER, ITEMS, r.tick());

            assertThat(r.p.state()).isEqualTo(CORRECTION_REQUESTED);
            assertThat(e.notice().number()).isEqualTo(1);
            assertThat(e.notice().fields()).containsExactly("edge_purchase_cost", "attachments.invoice");
            assertThat(e.notice().items()).isEqualTo(ITEMS);
            assertThat(e.remainingWorkingDays()).isEqualTo(left);
            assertThat(r.p.reviewDeadline()).as("with the enterprise").isEmpty();
            // a month later the department has as many days as when it sent the notice
            Instant monthLater = r.now.plusSeconds(30L * 86_400);
            assertThat(r.p.reviewWorkingDaysLeft(monthLater)).contains(left);
            assertThat(r.p.reviewOverdue(monthLater)).isFalse();
        }

        @Test
        void aNoticeNeedsItemsEachWithItsOwnFieldAndAnExplanation() {
            Run r = Run.underReview();
            CorrectionItem a = ITEMS.get(0);

            unprocessable(r, x -> x.p.requestCorrection(REVIEWER, List.of(), x.tick()), "NO_CORRECTION_ITEMS");
            unprocessable(r, x -> x.p.requestCorrection(REVIEWER, null, x.tick()), "NO_CORRECTION_ITEMS");
            unprocessable(
                    r, x -> x.p.requestCorrection(REVIEWER, List.of(a, a), x.tick()), "DUPLICATE_CORRECTION_FIELD");
            unprocessable(
                    r,
                    x -> x.p.requestCorrection(
                            REVIEWER, List.of(new CorrectionItem(" ", CorrectionItem.Problem.MISSING, WHY)), x.tick()),
                    "CORRECTION_FIELD_REQUIRED");
            unprocessable(
                    r,
                    x -> x.p.requestCorrection(
                            REVIEWER,
                            List.of(new CorrectionItem("f", CorrectionItem.Problem.MISSING, Bilingual.of("缺", ""))),
                            x.tick()),
                    "REASONS_REQUIRED");
            List<CorrectionItem> many = IntStream.range(0, Procedure.MAX_CORRECTION_ITEMS + 1)
                    .mapToObj(i -> new CorrectionItem("f" + i, CorrectionItem.Problem.MISSING, WHY))
                    .toList();
            unprocessable(r, x -> x.p.requestCorrection(REVIEWER, many, x.tick()), "TOO_MANY_CORRECTION_ITEMS");
        }

        @Test
        void theApplicantAnswersOnceNamingTheNoticeAndOnlyFieldsItAskedFor() {
            Run r = Run.at(CORRECTION_REQUESTED);

            forbidden(
                    r,
                    x -> x.p.resubmit(OTHER_ENTERPRISE, 1, Set.of("edge_purchase_cost"), x.tick()),
                    "NOT_THE_APPLICANT");
            forbidden(r, x -> x.p.resubmit(REVIEWER, 1, Set.of("edge_purchase_cost"), x.tick()), "NOT_THE_APPLICANT");
            conflict(
                    r,
                    x -> x.p.resubmit(ENTERPRISE, 2, Set.of("edge_purchase_cost"), x.tick()),
                    "STALE_CORRECTION_NOTICE");
            unprocessable(r, x -> x.p.resubmit(ENTERPRISE, 1, Set.of(), x.tick()), "NOTHING_CORRECTED");
            unprocessable(
                    r,
                    x -> x.p.resubmit(ENTERPRISE, 1, Set.of("edge_purchase_cost", "district"), x.tick()),
                    "FIELD_NOT_REQUESTED");

            ProcedureEvent.CorrectionResubmitted e =
                    r.p.resubmit(ENTERPRISE, 1, Set.of("edge_purchase_cost"), r.tick());
            assertThat(r.p.state()).isEqualTo(UNDER_REVIEW);
            assertThat(e.noticeNumber()).isEqualTo(1);
            assertThat(r.p.openCorrection()).isNull();
            // the same answer again is no longer possible: once per request
            assertThatThrownBy(() -> r.p.resubmit(ENTERPRISE, 1, Set.of("edge_purchase_cost"), r.tick()))
                    .isInstanceOf(IllegalTransitionException.class);
            // a second round is notice 2; an answer to notice 1 is stale
            r.p.requestCorrection(REVIEWER, ITEMS.subList(1, 2), r.tick());
            assertThat(r.p.openCorrection().number()).isEqualTo(2);
            conflict(
                    r,
                    x -> x.p.resubmit(ENTERPRISE, 1, Set.of("attachments.invoice"), x.tick()),
                    "STALE_CORRECTION_NOTICE");
            r.p.resubmit(ENTERPRISE, 2, Set.of("attachments.invoice"), r.tick());
            assertThat(r.p.correctionNotices()).isEqualTo(2);
        }

        @Test
        void theCorrectedFactsAreEvaluatedAgainAndTheNewCeilingIsTheOneThatCounts() {
            Run r = Run.at(CORRECTION_REQUESTED);
            r.p.resubmit(ENTERPRISE, 1, Set.of("edge_purchase_cost"), r.tick());
            assertThat(r.p.reevaluationAwaited()).isEqualTo(1);
            conflict(r, x -> x.p.recommend(REVIEWER, AMOUNT, WHY, null, x.tick()), "EVALUATION_PENDING");

            // an evaluation of another revision is not the one awaited
            BigDecimal lower = new BigDecimal("240000.00");
            conflict(
                    r,
                    x -> x.p.recordReevaluation(ELIGIBILITY, Run.revised(eligible(lower), 2), x.tick()),
                    "STALE_EVALUATION");
            forbidden(
                    r,
                    x -> x.p.recordReevaluation(REVIEWER, Run.revised(eligible(lower), 1), x.tick()),
                    "ROLE_NOT_ALLOWED");
            ProcedureEvent.Reevaluated again =
                    r.p.recordReevaluation(ELIGIBILITY, Run.revised(eligible(lower), 1), r.tick());
            assertThat(again.header().from()).isEqualTo(UNDER_REVIEW);
            assertThat(again.header().to()).isEqualTo(UNDER_REVIEW);
            assertThat(r.p.reevaluationAwaited()).isZero();
            assertThat(r.p.evaluation().ceiling()).isEqualByComparingTo(lower);
            assertThat(r.p.evaluation().revision()).isEqualTo(1);
            // the old ceiling no longer holds
            unprocessable(
                    r,
                    x -> x.p.recommend(REVIEWER, new BigDecimal("240000.01"), WHY, null, x.tick()),
                    "AMOUNT_ABOVE_CEILING");
            r.p.recommend(REVIEWER, lower, WHY, null, r.tick());
            assertThat(r.p.recommendation().amount()).isEqualByComparingTo(lower);
        }

        @Test
        void factsThatNoLongerQualifyLeaveTheApplicationWithTheReviewerToReject() {
            Run r = Run.at(CORRECTION_REQUESTED);
            r.p.resubmit(ENTERPRISE, 1, Set.of("edge_purchase_cost"), r.tick());
            Evaluation not = new Evaluation(
                    false,
                    null,
                    null,
                    Set.of(),
                    "2025-05-23.1",
                    List.of(Bilingual.of("低于起点", "below the threshold")),
                    r.now,
                    Set.of(),
                    1);
            r.p.recordReevaluation(ELIGIBILITY, not, r.tick());
            assertThat(r.p.state()).isEqualTo(UNDER_REVIEW);
            assertThat(r.p.department())
                    .as("the department stays the one reviewing")
                    .isEqualTo("industry");
            conflict(r, x -> x.p.recommend(REVIEWER, AMOUNT, WHY, null, x.tick()), "NOT_ELIGIBLE");
            r.p.reject(REVIEWER, WHY, r.tick());
            assertThat(r.p.state()).isEqualTo(REJECTED);
        }

        @Test
        void theDeadlineResumesWithTheWorkingDaysThatWereLeft() {
            // eligible Monday 2 February 2026 (due Friday 6 March without a pause); 补正 on
            // Wednesday 4 February; answered Wednesday 25 February, after the Spring Festival
            Run r = new Run();
            r.now = Instant.parse("2026-02-02T02:00:00Z");
            Procedure p = Procedure.draft(
                    UUID.randomUUID(), APPLICANT, PROGRAMME, ProcedureSettings.DEFAULT, ENTERPRISE, r.now, CALENDAR);
            p.submit(ENTERPRISE, r.tick());
            p.recordEvaluation(ELIGIBILITY, eligible(CEILING), r.tick());
            assertThat(p.reviewDeadline().orElseThrow().lastDay()).isEqualTo(LocalDate.of(2026, 3, 6));
            p.claim(REVIEWER, r.tick());
            ProcedureEvent.CorrectionRequested asked =
                    p.requestCorrection(REVIEWER, ITEMS, Instant.parse("2026-02-04T03:00:00Z"));
            assertThat(asked.remainingWorkingDays()).isEqualTo(18);

            ProcedureEvent.CorrectionResubmitted back =
                    p.resubmit(ENTERPRISE, 1, Set.of("attachments.invoice"), Instant.parse("2026-02-25T01:00:00Z"));
            assertThat(back.reviewDeadline().lastDay()).isEqualTo(LocalDate.of(2026, 3, 20));
            assertThat(p.reviewOverdue(Instant.parse("2026-03-20T15:59:00Z"))).isFalse();
            assertThat(p.reviewOverdue(Instant.parse("2026-03-20T16:00:00Z")))
                    .as("21 March in Wuxi")
                    .isTrue();
        }
    }

    @Nested
    class Recommending {
        @Test
        void theClaimantRecommendsAnAmountUpToTheCeilingWithReasons() {
            Run r = Run.underReview(eligible(new BigDecimal("300000.00")));

            unprocessable(
                    r,
                    x -> x.p.recommend(REVIEWER, new BigDecimal("300000.01"), WHY, null, x.tick()),
                    "AMOUNT_ABOVE_CEILING");
            unprocessable(r, x -> x.p.recommend(REVIEWER, AMOUNT, null, null, x.tick()), "REASONS_REQUIRED");
            unprocessable(r, x -> x.p.recommend(REVIEWER, null, WHY, null, x.tick()), "AMOUNT_REQUIRED");
            ProcedureEvent.Recommended e = r.p.recommend(REVIEWER, new BigDecimal("300000"), WHY, null, r.tick());

            assertThat(r.p.state()).isEqualTo(RECOMMENDED);
            assertThat(e.recommendation().amount()).isEqualTo(new BigDecimal("300000.00")); // scale 2
            assertThat(e.recommendation().recommendedBy()).isEqualTo(REVIEWER.id());
            assertThat(e.recommendation().needsConfirmation()).isFalse();
            assertThat(r.p.reviewDeadline()).as("the department has decided").isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0", "0.00", "-0.01", "-1000"})
        void anAmountMustBePositive(String amount) {
            unprocessable(
                    Run.underReview(),
                    x -> x.p.recommend(REVIEWER, new BigDecimal(amount), WHY, null, x.tick()),
                    "AMOUNT_NOT_POSITIVE");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0.001", "100.005", "1E-3", "10000000000000.00"})
        void anAmountIsExactToTheFenAndBounded(String amount) {
            Run r = Run.underReview(eligible(null));
            unprocessable(
                    r, x -> x.p.recommend(REVIEWER, new BigDecimal(amount), WHY, null, x.tick()), "AMOUNT_NOT_IN_FEN");
        }

        @Test
        void aboveTheThresholdASecondReviewerOfTheDepartmentMustConfirmNeverTheSamePerson() {
            Run r = Run.underReview();
            BigDecimal threshold = ProcedureSettings.DEFAULT.fourEyesAbove();

            Run atThreshold = Run.underReview();
            atThreshold.recommend(threshold);
            assertThat(atThreshold.p.state()).as("the threshold itself").isEqualTo(RECOMMENDED);

            r.recommend(threshold.add(new BigDecimal("0.01")));
            assertThat(r.p.state()).isEqualTo(AWAITING_CONFIRMATION);
            assertThat(r.p.recommendation().needsConfirmation()).isTrue();
            assertThat(r.p.reviewDeadline())
                    .as("the confirmation is the department's time too")
                    .isPresent();
            forbidden(r, x -> x.p.confirm(REVIEWER, x.tick()), "FOUR_EYES");
            forbidden(r, x -> x.p.confirm(OTHER_DEPARTMENT, x.tick()), "WRONG_DEPARTMENT");
            forbidden(r, x -> x.p.confirm(CITY, x.tick()), "ROLE_NOT_ALLOWED");
            assertThatThrownBy(() -> r.p.announce(REVIEWER, r.tick()))
                    .as("not before it is confirmed")
                    .isInstanceOf(IllegalTransitionException.class);

            ProcedureEvent.RecommendationConfirmed e = r.p.confirm(SECOND, r.tick());
            assertThat(r.p.state()).isEqualTo(RECOMMENDED);
            assertThat(e.recommendation().confirmedBy()).isEqualTo(SECOND.id());
            assertThat(e.recommendation().recommendedBy()).isEqualTo(REVIEWER.id());
        }

        @Test
        void theThresholdIsConfigurable() {
            Run r = new Run(ProcedureSettings.DEFAULT.withFourEyesAbove(new BigDecimal("100000.00")))
                    .submit()
                    .evaluate(eligible(CEILING))
                    .claim();

            r.recommend(AMOUNT);
            assertThat(r.p.state()).isEqualTo(AWAITING_CONFIRMATION);
        }

        @Test
        void theSecondReviewerMaySendItBackWithReasons() {
            Run r = Run.at(AWAITING_CONFIRMATION);

            forbidden(r, x -> x.p.declineConfirmation(REVIEWER, WHY, x.tick()), "FOUR_EYES");
            unprocessable(r, x -> x.p.declineConfirmation(SECOND, null, x.tick()), "REASONS_REQUIRED");
            ProcedureEvent.ConfirmationDeclined e = r.p.declineConfirmation(SECOND, WHY, r.tick());

            assertThat(r.p.state()).isEqualTo(UNDER_REVIEW);
            assertThat(r.p.claimedBy()).isEqualTo(REVIEWER.id());
            assertThat(r.p.recommendation()).isNull();
            assertThat(e.declined().amount()).isEqualByComparingTo(LARGE);
        }

        @Test
        void aProgrammeWithoutACeilingIsNeverRecommendedByOnePersonAlone() {
            // S4-SCHEDULING-PLATFORM-like: eligible, no ceiling, even for one yuan, and even if not flagged for the
            // city
            Run r = Run.underReview(eligible(null));
            r.recommend(new BigDecimal("1.00"));

            assertThat(r.p.state()).isEqualTo(AWAITING_CONFIRMATION);
            forbidden(r, x -> x.p.confirm(REVIEWER, x.tick()), "FOUR_EYES");
            r.confirm().announce().closeAnnouncement();
            assertThat(r.p.state()).isEqualTo(APPROVED);
            ProcedureEvent.Approved approved = (ProcedureEvent.Approved)
                    r.p.pendingEvents().get(r.p.pendingEvents().size() - 1);
            assertThat(approved.recommendation().confirmedBy())
                    .isNotEqualTo(approved.recommendation().recommendedBy());
        }

        @Test
        void aCaseByCaseProgrammeWithoutACeilingNeedsTwoReviewersAndTheCity() {
            Run r = Run.underReview(eligible(null, ProgrammeFlag.CASE_BY_CASE, ProgrammeFlag.CITY_APPROVAL));
            r.recommend(new BigDecimal("8000000.00")).confirm().announce().closeAnnouncement();

            assertThat(r.p.state()).isEqualTo(AWAITING_CITY_APPROVAL);
            assertThat(r.p.cityApprovalGrounds())
                    .containsExactlyInAnyOrder(
                            ProcedureEvent.CityApprovalGround.PROGRAMME_REQUIRES_IT,
                            ProcedureEvent.CityApprovalGround.CASE_BY_CASE);
            // one person holding both roles cannot approve what they recommended or confirmed
            forbidden(
                    r,
                    x -> x.p.cityApprove(Actor.cityApprover(REVIEWER.id()), UUID.randomUUID(), x.tick()),
                    "FOUR_EYES");
            forbidden(
                    r, x -> x.p.cityApprove(Actor.cityApprover(SECOND.id()), UUID.randomUUID(), x.tick()), "FOUR_EYES");
            r.p.cityApprove(CITY, r.reservation, r.tick());
            assertThat(r.p.state()).isEqualTo(APPROVED);
        }
    }

    @Nested
    class Overrides {
        private final CeilingOverride.Request major = new CeilingOverride.Request(
                OverrideKind.MAJOR_RD_PROJECT,
                Bilingual.of("国家重大专项配套，特别重大", "matching a national major project: exceptionally major"));

        private Run underReview() {
            // the catalogue allows S3-KEY-TECH-RD's 特别重大 departure; the evaluation carries it
            return new Run(ProcedureSettings.DEFAULT)
                    .submit()
                    .evaluate(Run.allowing(eligible(new BigDecimal("5000000.00")), OverrideKind.MAJOR_RD_PROJECT))
                    .claim();
        }

        @Test
        void aboveTheCeilingOnlyThroughAnOverrideTheProgrammeAllowsWithAJustification() {
            Run r = underReview();
            BigDecimal above = new BigDecimal("8000000.00");

            unprocessable(r, x -> x.p.recommend(REVIEWER, above, WHY, null, x.tick()), "AMOUNT_ABOVE_CEILING");
            unprocessable(
                    r,
                    x -> x.p.recommend(
                            REVIEWER,
                            above,
                            WHY,
                            new CeilingOverride.Request(OverrideKind.KEY_COMPUTE_PROJECT, WHY),
                            x.tick()),
                    "OVERRIDE_NOT_ALLOWED");
            unprocessable(
                    r,
                    x -> x.p.recommend(REVIEWER, above, WHY, new CeilingOverride.Request(null, WHY), x.tick()),
                    "OVERRIDE_NOT_ALLOWED");
            assertThatThrownBy(() -> r.p.recommend(
                            REVIEWER,
                            above,
                            WHY,
                            new CeilingOverride.Request(OverrideKind.KEY_COMPUTE_PROJECT, WHY),
                            r.tick()))
                    .isInstanceOfSatisfying(ProcedureException.class, e -> {
                        assertThat(e.text().zh()).isEqualTo("本项目不允许该类上浮：重点算力项目一事一议");
                        assertThat(e.text().en())
                                .isEqualTo(
                                        "This programme does not allow this override: Key computing project, case by case");
                    });
            unprocessable(
                    r,
                    x -> x.p.recommend(
                            REVIEWER,
                            above,
                            WHY,
                            new CeilingOverride.Request(OverrideKind.MAJOR_RD_PROJECT, null),
                            x.tick()),
                    "REASONS_REQUIRED");
            unprocessable(
                    r,
                    x -> x.p.recommend(REVIEWER, new BigDecimal("5000000.00"), WHY, major, x.tick()),
                    "OVERRIDE_NOT_NEEDED");

            ProcedureEvent.Recommended e = r.p.recommend(REVIEWER, above, WHY, major, r.tick());
            CeilingOverride override = e.recommendation().override();
            assertThat(override.kind()).isEqualTo(OverrideKind.MAJOR_RD_PROJECT);
            assertThat(override.justification()).isEqualTo(major.justification());
            // the evaluation it departs from is the procedure's own record, not something the request said
            assertThat(override.departsFrom()).isEqualTo(r.p.evaluation());
            assertThat(override.departsFrom().ceiling()).isEqualByComparingTo("5000000.00");
        }

        @Test
        void anEvaluationWhoseCatalogueAllowsNoOverrideRefusesEveryKind() {
            Run r = new Run(ProcedureSettings.DEFAULT)
                    .submit()
                    .evaluate(eligible(new BigDecimal("5000000.00")))
                    .claim();
            for (OverrideKind kind : OverrideKind.values()) {
                unprocessable(
                        r,
                        x -> x.p.recommend(
                                REVIEWER,
                                new BigDecimal("8000000.00"),
                                WHY,
                                new CeilingOverride.Request(kind, WHY),
                                x.tick()),
                        "OVERRIDE_NOT_ALLOWED");
            }
        }

        @Test
        void anOverrideAlwaysGoesToTheCityEvenForAProgrammeNotFlaggedForIt() {
            Run r = underReview();
            r.p.recommend(REVIEWER, new BigDecimal("8000000.00"), WHY, major, r.tick());
            r.confirm().announce().closeAnnouncement();

            assertThat(r.p.state()).isEqualTo(AWAITING_CITY_APPROVAL);
            assertThat(r.p.cityApprovalGrounds()).containsExactly(ProcedureEvent.CityApprovalGround.CEILING_OVERRIDE);
            ProcedureEvent.Approved approved = r.p.cityApprove(CITY, r.reservation, r.tick());
            assertThat(approved.amount()).isEqualByComparingTo("8000000.00");
            assertThat(approved.cityApprovedBy()).isEqualTo(CITY.id());
            assertThat(approved.recommendation().override().departsFrom().ceiling())
                    .isEqualByComparingTo("5000000.00");
        }

        @Test
        void aProgrammeWithoutACeilingHasNoCeilingToOverride() {
            Run r = new Run(ProcedureSettings.DEFAULT)
                    .submit()
                    .evaluate(Run.allowing(eligible(null), OverrideKind.MAJOR_RD_PROJECT))
                    .claim();

            unprocessable(r, x -> x.p.recommend(REVIEWER, AMOUNT, WHY, major, x.tick()), "NO_CEILING_TO_EXCEED");
        }
    }

    @Nested
    class Announcement {
        @Test
        void theAnnouncementLastsTheProgrammesWorkingDaysAndClosesOnlyAfterThem() {
            Run r = new Run(ProcedureSettings.DEFAULT.withAnnouncementWorkingDays(7))
                    .submit()
                    .evaluate(eligible(CEILING))
                    .claim()
                    .recommend(AMOUNT);
            forbidden(r, x -> x.p.announce(OTHER_DEPARTMENT, x.tick()), "WRONG_DEPARTMENT");
            forbidden(r, x -> x.p.announce(ENTERPRISE, x.tick()), "ROLE_NOT_ALLOWED");
            ProcedureEvent.AnnouncementStarted e = r.p.announce(REVIEWER, r.tick());

            // published Monday 2 March 2026: 7 working days are 3-6 and 9-11 March
            assertThat(e.period().firstDay()).isEqualTo(LocalDate.of(2026, 3, 3));
            assertThat(e.period().lastDay()).isEqualTo(LocalDate.of(2026, 3, 11));
            assertThat(e.amount()).isEqualByComparingTo(AMOUNT);
            Instant last = e.period().closesAt().minusSeconds(1);
            conflict(r, x -> x.p.closeAnnouncement(SCHEDULER, x.reservation, last), "ANNOUNCEMENT_NOT_OVER");
            forbidden(
                    r,
                    x -> x.p.closeAnnouncement(
                            REVIEWER, x.reservation, e.period().closesAt()),
                    "ROLE_NOT_ALLOWED");

            ProcedureEvent closed =
                    r.p.closeAnnouncement(SCHEDULER, r.reservation, e.period().closesAt());
            assertThat(closed).isInstanceOf(ProcedureEvent.Approved.class);
            assertThat(r.p.state()).isEqualTo(APPROVED);
            assertThat(r.p.reservation())
                    .isEqualTo(new Reservation(r.reservation, AMOUNT, Reservation.Status.REQUESTED));
        }

        @Test
        void theServiceItselfMayAnnounceACallsList() {
            Run r = Run.at(RECOMMENDED);
            r.p.announce(SCHEDULER, r.tick());
            assertThat(r.p.state()).isEqualTo(IN_ANNOUNCEMENT);
        }

        @Test
        void aCityApprovalProgrammeWaitsForTheCityAfterTheAnnouncement() {
            Run r = Run.underReview(eligible(CEILING, ProgrammeFlag.CITY_APPROVAL))
                    .recommend(AMOUNT)
                    .announce();
            ProcedureEvent e = r.p.closeAnnouncement(
                    SCHEDULER, r.reservation, r.p.announcement().closesAt());

            assertThat(e)
                    .isInstanceOfSatisfying(
                            ProcedureEvent.SentForCityApproval.class,
                            s -> assertThat(s.grounds())
                                    .containsExactly(ProcedureEvent.CityApprovalGround.PROGRAMME_REQUIRES_IT));
            assertThat(r.p.state()).isEqualTo(AWAITING_CITY_APPROVAL);
            assertThat(r.p.reservation())
                    .as("nothing reserved before the city consents")
                    .isNull();
        }

        @Test
        void anObjectionHoldsTheMoneyUntilTheDepartmentResolvesIt() {
            Run r = Run.at(IN_ANNOUNCEMENT);

            forbidden(r, x -> x.p.raiseObjection(SCHEDULER, WHY, x.tick()), "ROLE_NOT_ALLOWED");
            forbidden(r, x -> x.p.raiseObjection(CITY, WHY, x.tick()), "ROLE_NOT_ALLOWED");
            forbidden(r, x -> x.p.raiseObjection(FINANCE, WHY, x.tick()), "ROLE_NOT_ALLOWED");
            unprocessable(r, x -> x.p.raiseObjection(OTHER_ENTERPRISE, null, x.tick()), "REASONS_REQUIRED");
            ProcedureEvent.ObjectionRaised first = r.p.raiseObjection(OTHER_ENTERPRISE, WHY, r.tick());
            assertThat(r.p.state()).isEqualTo(OBJECTION_RAISED);
            assertThat(first.open()).isEqualTo(1);
            conflict(r, x -> x.p.raiseObjection(OTHER_ENTERPRISE, WHY, x.tick()), "OBJECTION_ALREADY_RAISED");
            ProcedureEvent.ObjectionRaised second = r.p.raiseObjection(OTHER_DEPARTMENT, WHY, r.tick());
            assertThat(second.open()).isEqualTo(2);

            // held: the announcement cannot close, nothing can be approved or paid
            Instant after = r.p.announcement().closesAt().plusSeconds(1);
            assertThatThrownBy(() -> r.p.closeAnnouncement(SCHEDULER, r.reservation, after))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> r.p.recordPayment(DISBURSEMENT, r.reservation, AMOUNT, after))
                    .isInstanceOf(IllegalTransitionException.class);

            forbidden(r, x -> x.p.dismissObjections(OTHER_DEPARTMENT, WHY, x.tick()), "WRONG_DEPARTMENT");
            ProcedureEvent.ObjectionsDismissed dismissed = r.p.dismissObjections(REVIEWER, WHY, r.tick());
            assertThat(dismissed.objections())
                    .extracting(Objection::raisedBy)
                    .containsExactly(OTHER_ENTERPRISE.id(), OTHER_DEPARTMENT.id());
            assertThat(r.p.state()).isEqualTo(IN_ANNOUNCEMENT);
            assertThat(r.p.objections()).isEmpty();
            r.closeAnnouncement();
            assertThat(r.p.state()).isEqualTo(APPROVED);
        }

        @Test
        void noObjectionOnceThePeriodIsOver() {
            Run r = Run.at(IN_ANNOUNCEMENT);
            Instant closes = r.p.announcement().closesAt();

            conflict(r, x -> x.p.raiseObjection(OTHER_ENTERPRISE, WHY, closes), "ANNOUNCEMENT_CLOSED");
        }

        @Test
        void anUpheldObjectionGoesBackToReviewForANewAmountAnnouncedAgain() {
            Run r = Run.at(OBJECTION_RAISED);
            ProcedureEvent.ObjectionUpheld e = r.p.upholdObjection(SECOND, WHY, r.tick());

            assertThat(r.p.state()).isEqualTo(UNDER_REVIEW);
            assertThat(r.p.claimedBy()).isEqualTo(SECOND.id());
            assertThat(r.p.recommendation()).isNull();
            assertThat(r.p.announcement()).isNull();
            assertThat(e.withdrawn().amount()).isEqualByComparingTo(AMOUNT);
            assertThat(r.p.reviewDeadline()).as("the clock runs again").isPresent();

            r.p.recommend(SECOND, new BigDecimal("200000.00"), WHY, null, r.tick());
            r.p.announce(SECOND, r.tick());
            assertThat(r.p.state()).isEqualTo(IN_ANNOUNCEMENT);
            assertThat(r.p.announcement().publishedAt()).isEqualTo(r.now);
        }

        @Test
        void anUpheldObjectionMayEndInARejection() {
            Run r = Run.at(OBJECTION_RAISED);

            forbidden(r, x -> x.p.reject(OTHER_DEPARTMENT, WHY, x.tick()), "WRONG_DEPARTMENT");
            r.p.reject(SECOND, WHY, r.tick());
            assertThat(r.p.state()).isEqualTo(REJECTED);
            assertThat(r.p.objections()).isEmpty();
        }
    }

    @Nested
    class CityApproval {
        @Test
        void onlyACityApproverDecidesWhatAwaitsTheCity() {
            Run r = Run.at(AWAITING_CITY_APPROVAL);

            forbidden(r, x -> x.p.cityApprove(REVIEWER, UUID.randomUUID(), x.tick()), "ROLE_NOT_ALLOWED");
            forbidden(r, x -> x.p.cityApprove(ADMIN, UUID.randomUUID(), x.tick()), "ROLE_NOT_ALLOWED");
            forbidden(r, x -> x.p.reject(REVIEWER, WHY, x.tick()), "ROLE_NOT_ALLOWED");
            ProcedureEvent.Approved e = r.p.cityApprove(CITY, r.reservation, r.tick());
            assertThat(e.reservationId()).isEqualTo(r.reservation);
            assertThat(e.amount()).isEqualByComparingTo(AMOUNT);
            assertThat(r.p.approvedAmount()).isEqualByComparingTo(AMOUNT);
        }

        @Test
        void theCityMayRefuseWithReasons() {
            Run r = Run.at(AWAITING_CITY_APPROVAL);
            unprocessable(r, x -> x.p.reject(CITY, null, x.tick()), "REASONS_REQUIRED");
            r.p.reject(CITY, WHY, r.tick());
            assertThat(r.p.state()).isEqualTo(REJECTED);
        }

        @ParameterizedTest(name = "not in {0}")
        @EnumSource(
                value = ProcedureState.class,
                names = {
                    "ELIGIBLE",
                    "UNDER_REVIEW",
                    "AWAITING_CONFIRMATION",
                    "RECOMMENDED",
                    "IN_ANNOUNCEMENT",
                    "OBJECTION_RAISED",
                    "APPROVED",
                    "PARTLY_PAID",
                    "PAID",
                    "CLOSED"
                })
        void aCityApproverActsOnNothingElse(ProcedureState state) {
            Map<ProcedureCommand, Consumer<Run>> commands = new EnumMap<>(ProcedureCommand.class);
            commands.put(ProcedureCommand.CLAIM, x -> x.p.claim(CITY, x.tick()));
            commands.put(ProcedureCommand.REQUEST_CORRECTION, x -> x.p.requestCorrection(CITY, ITEMS, x.tick()));
            commands.put(ProcedureCommand.RECOMMEND, x -> x.p.recommend(CITY, AMOUNT, WHY, null, x.tick()));
            commands.put(ProcedureCommand.CONFIRM, x -> x.p.confirm(CITY, x.tick()));
            commands.put(ProcedureCommand.DECLINE_CONFIRMATION, x -> x.p.declineConfirmation(CITY, WHY, x.tick()));
            commands.put(ProcedureCommand.ANNOUNCE, x -> x.p.announce(CITY, x.tick()));
            commands.put(ProcedureCommand.RAISE_OBJECTION, x -> x.p.raiseObjection(CITY, WHY, x.tick()));
            commands.put(ProcedureCommand.DISMISS_OBJECTIONS, x -> x.p.dismissObjections(CITY, WHY, x.tick()));
            commands.put(ProcedureCommand.UPHOLD_OBJECTION, x -> x.p.upholdObjection(CITY, WHY, x.tick()));
            commands.put(ProcedureCommand.REJECT, x -> x.p.reject(CITY, WHY, x.tick()));
            commands.put(
                    ProcedureCommand.RECORD_FUNDS_RESERVED,
                    x -> x.p.recordFundsReserved(CITY, x.reservation, x.tick()));
            commands.put(
                    ProcedureCommand.RECORD_PAYMENT, x -> x.p.recordPayment(CITY, x.reservation, AMOUNT, x.tick()));
            commands.put(ProcedureCommand.CLOSE, x -> x.p.close(CITY, WHY, x.tick()));
            commands.put(ProcedureCommand.WITHDRAW, x -> x.p.withdraw(CITY, null, x.tick()));
            commands.put(ProcedureCommand.CLAW_BACK, x -> x.p.clawBack(CITY, new BigDecimal("1.00"), WHY, x.tick()));
            Run r = Run.at(state);
            int checked = 0;
            for (var command : commands.entrySet()) {
                if (command.getKey().acceptedIn(state)) {
                    String code =
                            command.getKey() == ProcedureCommand.WITHDRAW ? "NOT_THE_APPLICANT" : "ROLE_NOT_ALLOWED";
                    forbidden(r, command.getValue(), code);
                    checked++;
                }
            }
            assertThat(checked).isPositive();
        }
    }

    @Nested
    class Budget {
        @Test
        void theBudgetsReservationIsRecordedAndTheStateStaysApproved() {
            Run r = Run.at(APPROVED);

            forbidden(r, x -> x.p.recordFundsReserved(REVIEWER, x.reservation, x.tick()), "ROLE_NOT_ALLOWED");
            conflict(r, x -> x.p.recordFundsReserved(BUDGET, UUID.randomUUID(), x.tick()), "UNKNOWN_RESERVATION");
            ProcedureEvent.FundsReserved e = r.p.recordFundsReserved(BUDGET, r.reservation, r.tick());
            assertThat(e.header().from()).isEqualTo(APPROVED);
            assertThat(e.header().to()).isEqualTo(APPROVED);
            assertThat(r.p.reservation().status()).isEqualTo(Reservation.Status.RESERVED);
            conflict(r, x -> x.p.recordFundsReserved(BUDGET, x.reservation, x.tick()), "RESERVATION_ALREADY_CONFIRMED");
            conflict(
                    r,
                    x -> x.p.recordBudgetRefusal(BUDGET, x.reservation, NO_HEADROOM, x.tick()),
                    "RESERVATION_ALREADY_CONFIRMED");
        }

        @Test
        void aRefusalGoesBackToTheReviewerWithTheAccountThatRanOutAndItsHeadroom() {
            Run r = Run.at(APPROVED);

            conflict(
                    r,
                    x -> x.p.recordBudgetRefusal(BUDGET, UUID.randomUUID(), NO_HEADROOM, x.tick()),
                    "UNKNOWN_RESERVATION");
            ProcedureEvent.BudgetRefused e = r.p.recordBudgetRefusal(BUDGET, r.reservation, NO_HEADROOM, r.tick());

            assertThat(r.p.state()).isEqualTo(UNDER_REVIEW);
            assertThat(e.returnedTo()).isEqualTo(REVIEWER.id());
            assertThat(r.p.claimedBy()).isEqualTo(REVIEWER.id());
            assertThat(r.p.lastBudgetRefusal().account()).isEqualTo("programme:S4-EDGE-COMPUTE:2026");
            assertThat(r.p.lastBudgetRefusal().headroom()).isEqualByComparingTo("120000.00");
            assertThat(r.p.reservation()).isNull();
            assertThat(r.p.approvedAmount()).isNull();
            assertThat(r.p.reviewDeadline()).isPresent();

            // a lower amount goes through the announcement again
            r.p.recommend(REVIEWER, new BigDecimal("120000.00"), WHY, null, r.tick());
            r.announce();
            UUID second = UUID.randomUUID();
            r.p.closeAnnouncement(SCHEDULER, second, r.p.announcement().closesAt());
            assertThat(r.p.reservation().id()).isEqualTo(second);
        }
    }

    @Nested
    class Payment {
        @Test
        void paymentsUpToTheApprovedAmountMovePartlyPaidThenPaid() {
            Run r = Run.at(APPROVED);

            forbidden(r, x -> x.p.recordPayment(FINANCE, x.reservation, AMOUNT, x.tick()), "ROLE_NOT_ALLOWED");
            conflict(
                    r,
                    x -> x.p.recordPayment(DISBURSEMENT, UUID.randomUUID(), AMOUNT, x.tick()),
                    "UNKNOWN_RESERVATION");
            unprocessable(
                    r,
                    x -> x.p.recordPayment(DISBURSEMENT, x.reservation, AMOUNT.add(new BigDecimal("0.01")), x.tick()),
                    "PAYMENT_ABOVE_APPROVAL");

            // the payment may come before the budget's own answer (another topic): it proves the reservation
            ProcedureEvent.PaymentRecorded first =
                    r.p.recordPayment(DISBURSEMENT, r.reservation, new BigDecimal("100000.00"), r.tick());
            assertThat(r.p.state()).isEqualTo(PARTLY_PAID);
            assertThat(first.totalPaid()).isEqualByComparingTo("100000.00");
            assertThat(r.p.reservation().status()).isEqualTo(Reservation.Status.RESERVED);
            unprocessable(
                    r,
                    x -> x.p.recordPayment(DISBURSEMENT, x.reservation, new BigDecimal("150000.01"), x.tick()),
                    "PAYMENT_ABOVE_APPROVAL");
            ProcedureEvent.PaymentRecorded last =
                    r.p.recordPayment(DISBURSEMENT, r.reservation, new BigDecimal("150000.00"), r.tick());
            assertThat(r.p.state()).isEqualTo(PAID);
            assertThat(last.totalPaid()).isEqualByComparingTo(AMOUNT);
            assertThat(last.approvedAmount()).isEqualByComparingTo(AMOUNT);
        }

        @Test
        void closingAPartlyPaidAwardNeedsANoteAndReleasesTheRest() {
            Run r = Run.at(PARTLY_PAID);

            unprocessable(r, x -> x.p.close(REVIEWER, null, x.tick()), "REASONS_REQUIRED");
            forbidden(r, x -> x.p.close(OTHER_DEPARTMENT, WHY, x.tick()), "WRONG_DEPARTMENT");
            forbidden(r, x -> x.p.close(ENTERPRISE, WHY, x.tick()), "ROLE_NOT_ALLOWED");
            ProcedureEvent.Closed e = r.p.close(SCHEDULER, WHY, r.tick());
            assertThat(e.unpaid()).isEqualByComparingTo("150000.00");
            assertThat(r.p.state()).isEqualTo(CLOSED);
        }

        @Test
        void aPaidAwardClosesWithoutANote() {
            Run r = Run.at(PAID);
            ProcedureEvent.Closed e = r.p.close(REVIEWER, null, r.tick());
            assertThat(e.unpaid()).isEqualByComparingTo("0.00");
            assertThat(e.note()).isNull();
        }
    }

    @Nested
    class Withdrawal {
        @ParameterizedTest(name = "from {0}")
        @EnumSource(
                value = ProcedureState.class,
                names = {
                    "DRAFT",
                    "SUBMITTED",
                    "ELIGIBLE",
                    "UNDER_REVIEW",
                    "CORRECTION_REQUESTED",
                    "AWAITING_CONFIRMATION",
                    "RECOMMENDED",
                    "IN_ANNOUNCEMENT",
                    "OBJECTION_RAISED",
                    "AWAITING_CITY_APPROVAL",
                    "APPROVED"
                })
        void theApplicantWithdrawsAnyTimeBeforePayment(ProcedureState state) {
            Run r = Run.at(state);

            forbidden(r, x -> x.p.withdraw(OTHER_ENTERPRISE, null, x.tick()), "NOT_THE_APPLICANT");
            forbidden(r, x -> x.p.withdraw(REVIEWER, null, x.tick()), "NOT_THE_APPLICANT");
            ProcedureEvent.Withdrawn e = r.p.withdraw(ENTERPRISE, Bilingual.of("项目取消", "project cancelled"), r.tick());

            assertThat(r.p.state()).isEqualTo(WITHDRAWN);
            assertThat(e.reason().en()).isEqualTo("project cancelled");
            // only an approval has asked the budget for a reservation; that one must be voided
            assertThat(e.reservationToVoid()).isEqualTo(state == APPROVED ? r.reservation : null);
            assertThat(r.p.reservation()).isNull();
            assertThat(r.p.reviewDeadline()).isEmpty();
        }

        @Test
        void aReservedApprovalIsVoidedToo() {
            Run r = Run.at(APPROVED);
            r.p.recordFundsReserved(BUDGET, r.reservation, r.tick());
            assertThat(r.p.withdraw(ENTERPRISE, null, r.tick()).reservationToVoid())
                    .isEqualTo(r.reservation);
        }

        @Test
        void notWhileAPaymentIsUnderWayButAgainOnceItFailed() {
            Run r = Run.at(APPROVED);
            UUID payment = UUID.randomUUID();
            ProcedureEvent.PaymentCleared cleared = r.p.clearPayment(DISBURSEMENT, payment, r.reservation, r.tick());

            assertThat(cleared.paymentId()).isEqualTo(payment);
            assertThat(r.p.state()).isEqualTo(APPROVED);
            // the clearance proves the reservation: a budget refusal can no longer undo the approval
            assertThat(r.p.reservation().status()).isEqualTo(Reservation.Status.RESERVED);
            conflict(r, x -> x.p.withdraw(ENTERPRISE, null, x.tick()), "PAYMENT_UNDER_WAY");
            assertThat(r.p.allowedCommands()).doesNotContain(ProcedureCommand.WITHDRAW);
            conflict(
                    r,
                    x -> x.p.clearPayment(DISBURSEMENT, UUID.randomUUID(), r.reservation, x.tick()),
                    "PAYMENT_UNDER_WAY");
            // the same payment asked again (disbursement retried its request) is cleared again
            r.p.clearPayment(DISBURSEMENT, payment, r.reservation, r.tick());
            forbidden(
                    r,
                    x -> x.p.recordPaymentFailure(ENTERPRISE, payment, r.reservation, WHY, x.tick()),
                    "ROLE_NOT_ALLOWED");

            r.p.recordPaymentFailure(
                    DISBURSEMENT, payment, r.reservation, Bilingual.of("账户已销户", "account closed"), r.tick());

            assertThat(r.p.state()).isEqualTo(APPROVED);
            assertThat(r.p.reservation().paymentUnderWay()).isNull();
            assertThat(r.p.withdraw(ENTERPRISE, null, r.tick()).reservationToVoid())
                    .isEqualTo(r.reservation);
        }

        @Test
        void aCompletedPaymentEndsWhatWasUnderWay() {
            Run r = Run.at(APPROVED);
            r.p.clearPayment(DISBURSEMENT, UUID.randomUUID(), r.reservation, r.tick());
            r.p.recordPayment(DISBURSEMENT, r.reservation, r.p.approvedAmount(), r.tick());
            assertThat(r.p.state()).isEqualTo(PAID);
            assertThat(r.p.reservation().paymentUnderWay()).isNull();
        }

        @ParameterizedTest(name = "not from {0}")
        @EnumSource(
                value = ProcedureState.class,
                names = {"PARTLY_PAID", "PAID", "CLOSED", "REJECTED", "INELIGIBLE", "CLAWED_BACK", "WITHDRAWN"})
        void notOnceMoneyWasPaidOrTheApplicationEnded(ProcedureState state) {
            Run r = Run.at(state);
            assertThatThrownBy(() -> r.p.withdraw(ENTERPRISE, null, r.tick()))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }

    @Nested
    class Clawback {
        @ParameterizedTest(name = "from {0}")
        @EnumSource(
                value = ProcedureState.class,
                names = {"PARTLY_PAID", "PAID", "CLOSED"})
        void paidMoneyIsRecoveredUpToWhatWasPaidWithReasons(ProcedureState state) {
            Run r = Run.at(state);
            BigDecimal paid = r.p.paid();

            forbidden(r, x -> x.p.clawBack(OTHER_DEPARTMENT, paid, WHY, x.tick()), "WRONG_DEPARTMENT");
            forbidden(r, x -> x.p.clawBack(FINANCE, paid, WHY, x.tick()), "ROLE_NOT_ALLOWED");
            unprocessable(
                    r,
                    x -> x.p.clawBack(REVIEWER, paid.add(new BigDecimal("0.01")), WHY, x.tick()),
                    "CLAWBACK_ABOVE_PAID");
            unprocessable(r, x -> x.p.clawBack(REVIEWER, paid, null, x.tick()), "REASONS_REQUIRED");
            ProcedureEvent.ClawedBack e =
                    r.p.clawBack(REVIEWER, paid, Bilingual.of("审计发现虚报", "audit found false claims"), r.tick());

            assertThat(r.p.state()).isEqualTo(CLAWED_BACK);
            assertThat(e.amount()).isEqualByComparingTo(paid);
            assertThat(e.reservationId()).isEqualTo(r.reservation);
            assertThat(r.p.clawedBack()).isEqualByComparingTo(paid);
        }

        @ParameterizedTest(name = "from {0}")
        @EnumSource(
                value = ProcedureState.class,
                names = {"PARTLY_PAID", "PAID", "CLOSED"})
        void financesRecoveryOrderClawsTheAwardBackThroughDisbursementAlone(ProcedureState state) {
            Run r = Run.at(state);
            BigDecimal part = r.p.paid().subtract(new BigDecimal("0.01"));

            // a person cannot claw back on an order's word: only disbursement announces one
            forbidden(r, x -> x.p.recordRecoveryOrder(REVIEWER, part, WHY, x.tick()), "ROLE_NOT_ALLOWED");
            unprocessable(
                    r,
                    x -> x.p.recordRecoveryOrder(DISBURSEMENT, r.p.paid().add(new BigDecimal("0.01")), WHY, x.tick()),
                    "CLAWBACK_ABOVE_PAID");
            ProcedureEvent.ClawedBack e = r.p.recordRecoveryOrder(
                    DISBURSEMENT, part, Bilingual.of("审计发现虚报", "audit found false claims"), r.tick());

            assertThat(r.p.state()).isEqualTo(CLAWED_BACK);
            assertThat(e.amount()).isEqualByComparingTo(part);
            assertThat(e.reasons().zh()).isEqualTo("审计发现虚报");
            assertThat(r.p.clawedBack()).isEqualByComparingTo(part);
        }
    }

    @Nested
    class Actors {
        @Test
        void anActorNamesItselfAndAReviewerItsDepartmentAndAnEnterpriseUserItsEnterprise() {
            assertThatThrownBy(() -> Actor.reviewer("r", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Actor.enterprise("u", " ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Actor.system("")).isInstanceOf(IllegalArgumentException.class);
            assertThat(ActorRole.CITY_APPROVER.code()).isEqualTo("city_approver");
        }

        @Test
        void flagsAreReadStrictly() {
            assertThat(ProgrammeFlag.parse(List.of("CASE_BY_CASE", "CITY_APPROVAL")))
                    .containsExactlyInAnyOrder(ProgrammeFlag.CASE_BY_CASE, ProgrammeFlag.CITY_APPROVAL);
            assertThat(ProgrammeFlag.parse(null)).isEmpty();
            assertThatThrownBy(() -> ProgrammeFlag.parse(List.of("CITY"))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void settingsAreBounded() {
            assertThat(ProcedureSettings.DEFAULT.reviewWorkingDays()).isEqualTo(20);
            assertThat(ProcedureSettings.DEFAULT.announcementWorkingDays()).isEqualTo(5);
            assertThatThrownBy(() -> ProcedureSettings.DEFAULT.withReviewWorkingDays(0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ProcedureSettings.DEFAULT.withAnnouncementWorkingDays(61))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ProcedureSettings.DEFAULT.withFourEyesAbove(new BigDecimal("0.001")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ProcedureSettings.DEFAULT.demoAnnouncementPeriod())
                    .as("the law's period")
                    .isNull();
            assertThatThrownBy(() -> ProcedureSettings.DEFAULT.withDemoAnnouncementPeriod(Duration.ofSeconds(30)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ProcedureSettings.DEFAULT.withDemoAnnouncementPeriod(Duration.ofDays(2)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aDemonstrationsAnnouncementClosesItsPeriodAfterPublicationAndNotBefore() {
            Instant published = Instant.parse("2026-12-08T02:00:00Z");
            AnnouncementPeriod demo =
                    AnnouncementPeriod.of(WorkingDayCalendar.weekendsOnly(), published, 5, Duration.ofMinutes(3));
            assertThat(demo.closesAt()).isEqualTo(published.plus(Duration.ofMinutes(3)));
            assertThat(demo.openAt(published.plus(Duration.ofMinutes(2)))).isTrue();
            assertThat(demo.openAt(published.plus(Duration.ofMinutes(3)))).isFalse();
            assertThat(AnnouncementPeriod.of(WorkingDayCalendar.weekendsOnly(), published, 5, null))
                    .as("without it, five working days as the law has it")
                    .isEqualTo(AnnouncementPeriod.of(WorkingDayCalendar.weekendsOnly(), published, 5));
        }
    }
}
