package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Run.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** 免申即享 (ADR 0020): an offer's screening, confirmation and decline. */
class OfferTest {
    private static final Bilingual CLAUSE = Bilingual.of("一、培优育强市场主体 第2段第1句：最高50万元", "section 1, paragraph 2");

    private static Evaluation eligibleWith(BigDecimal ceiling, ProgrammeFlag... flags) {
        Evaluation e = eligible(ceiling, flags);
        return new Evaluation(true, e.ceiling(), "industry", e.flags(), "2025.2", List.of(CLAUSE), T0);
    }

    @Test
    void onlyAnAgencyOrAServiceMakesAnOffer() {
        assertThatThrownBy(() -> Procedure.offer(
                        UUID.randomUUID(),
                        APPLICANT,
                        "S1-SRDI",
                        ProcedureSettings.DEFAULT,
                        UUID.randomUUID(),
                        ENTERPRISE,
                        T0,
                        CALENDAR))
                .isInstanceOfSatisfying(
                        ProcedureException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProcedureException.Kind.FORBIDDEN));
        Run r = Run.offer();
        assertThat(r.p.state()).isEqualTo(ProcedureState.SCREENING);
        assertThat(r.p.pendingEvents()).singleElement().isInstanceOf(ProcedureEvent.OfferCreated.class);
    }

    @Test
    void anEligibleScreeningOffersTheEvaluatedCeilingWithItsReasons() {
        Run r = Run.offer().screen(eligibleWith(new BigDecimal("500000.00")));

        assertThat(r.p.state()).isEqualTo(ProcedureState.OFFERED);
        assertThat(r.p.allowedCommands())
                .containsExactlyInAnyOrder(
                        ProcedureCommand.CONFIRM_OFFER,
                        ProcedureCommand.DECLINE_OFFER,
                        ProcedureCommand.WITHDRAW_OFFER);
        ProcedureEvent.OfferMade made =
                (ProcedureEvent.OfferMade) r.p.pendingEvents().get(1);
        assertThat(made.amount()).isEqualByComparingTo("500000.00");
        assertThat(r.p.reviewDeadline())
                .as("no department review runs for an offer")
                .isEmpty();
    }

    @Test
    void whatAPersonWouldHaveToWeighIsScreenedOut() {
        assertThat(Run.offer().screen(ineligible()).p.state()).isEqualTo(ProcedureState.INELIGIBLE);
        assertThat(Run.offer().screen(eligibleWith(null)).p.state()).isEqualTo(ProcedureState.INELIGIBLE);
        Run above = Run.offer().screen(eligibleWith(new BigDecimal("1000000.01")));
        assertThat(above.p.state()).isEqualTo(ProcedureState.INELIGIBLE);
        assertThat(above.p.outcome().en()).contains("four-eyes");
        assertThat(Run.offer()
                        .screen(eligibleWith(new BigDecimal("1000000.00")))
                        .p
                        .state())
                .as("at the threshold itself")
                .isEqualTo(ProcedureState.OFFERED);
        for (ProgrammeFlag flag : Set.of(
                ProgrammeFlag.ON_MERIT,
                ProgrammeFlag.CASE_BY_CASE,
                ProgrammeFlag.CITY_APPROVAL,
                ProgrammeFlag.BLOCK_GRANT)) {
            assertThat(Run.offer().screen(eligibleWith(AMOUNT, flag)).p.state())
                    .as(flag.toString())
                    .isEqualTo(ProcedureState.INELIGIBLE);
        }
    }

    @Test
    void theEnterpriseConfirmsAndTheCeilingGoesToTheAnnouncementAtOnce() {
        Run r = Run.offer().screen(eligibleWith(new BigDecimal("500000.00")));

        assertThatThrownBy(() -> r.p.confirmOffer(OTHER_ENTERPRISE, r.tick()))
                .isInstanceOfSatisfying(
                        ProcedureException.class, e -> assertThat(e.code()).isEqualTo("NOT_THE_APPLICANT"));
        assertThatThrownBy(() -> r.p.confirmOffer(REVIEWER, r.tick())).isInstanceOf(ProcedureException.class);
        ProcedureEvent.AnnouncementStarted started = r.p.confirmOffer(ENTERPRISE, r.tick());

        assertThat(r.p.state()).isEqualTo(ProcedureState.IN_ANNOUNCEMENT);
        assertThat(started.header().command()).isEqualTo(ProcedureCommand.CONFIRM_OFFER);
        assertThat(started.amount()).isEqualByComparingTo("500000.00");
        assertThat(r.p.recommendation().recommendedBy()).isEqualTo(Offers.RECOMMENDER);
        assertThat(r.p.recommendation().reasons().zh()).contains("免申即享").contains(CLAUSE.zh());
        assertThat(r.p.announcement()).isNotNull();
        // and from here as any award: the period closes, the budget is asked
        r.closeAnnouncement();
        assertThat(r.p.state()).isEqualTo(ProcedureState.APPROVED);
        assertThat(r.p.approvedAmount()).isEqualByComparingTo("500000.00");
    }

    @Test
    void theEnterpriseDeclinesAndNothingElseIsAcceptedAfterwards() {
        Run r = Run.offer().screen(eligibleWith(AMOUNT));
        r.p.declineOffer(ENTERPRISE, Bilingual.of("本年度不申请", "not this year"), r.tick());

        assertThat(r.p.state()).isEqualTo(ProcedureState.OFFER_DECLINED);
        assertThat(r.p.state().isTerminal()).isTrue();
        assertThat(r.p.outcome().zh()).isEqualTo("本年度不申请");
        assertThatThrownBy(() -> r.p.confirmOffer(ENTERPRISE, r.tick())).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aScreenedOutOfferCannotBeConfirmed() {
        Run r = Run.offer().screen(ineligible());
        assertThatThrownBy(() -> r.p.confirmOffer(ENTERPRISE, r.tick()))
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.code()).isEqualTo("ILLEGAL_TRANSITION"));
    }

    @Test
    void theDepartmentTakesBackAnOfferNotYetConfirmedWithReasonsAndNobodyElseCan() {
        Bilingual why = Bilingual.of("发布机关已撤销该名单", "the issuer revoked the list");
        Run screening = Run.offer();
        screening.p.withdrawOffer(AGENCY, why, screening.tick());
        assertThat(screening.p.state()).isEqualTo(ProcedureState.WITHDRAWN);
        assertThat(screening.p.outcome().zh()).isEqualTo("发布机关已撤销该名单");

        Run offered = Run.offer().screen(eligibleWith(AMOUNT));
        for (Actor nobody : List.of(ENTERPRISE, OTHER_DEPARTMENT, CITY, FINANCE)) {
            assertThatThrownBy(() -> offered.p.withdrawOffer(nobody, why, offered.tick()))
                    .as("%s", nobody)
                    .isInstanceOfSatisfying(
                            ProcedureException.class,
                            e -> assertThat(e.kind()).isEqualTo(ProcedureException.Kind.FORBIDDEN));
        }
        assertThatThrownBy(() -> offered.p.withdrawOffer(REVIEWER, null, offered.tick()))
                .as("the enterprise is told why")
                .isInstanceOf(ProcedureException.class);
        ProcedureEvent.Withdrawn event = offered.p.withdrawOffer(REVIEWER, why, offered.tick());
        assertThat(event.reservationToVoid()).as("nothing was reserved").isNull();
        assertThat(offered.p.state()).isEqualTo(ProcedureState.WITHDRAWN);

        Run confirmed = Run.offer().screen(eligibleWith(AMOUNT));
        confirmed.p.confirmOffer(ENTERPRISE, confirmed.tick());
        assertThatThrownBy(() -> confirmed.p.withdrawOffer(REVIEWER, why, confirmed.tick()))
                .as("once confirmed it is the enterprise's application")
                .isInstanceOf(IllegalTransitionException.class);
    }
}
