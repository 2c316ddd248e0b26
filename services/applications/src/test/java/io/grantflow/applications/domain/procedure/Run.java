package io.grantflow.applications.domain.procedure;

import io.grantflow.applications.application.WorkingCalendars;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A procedure on its way, with the people of the tests and a clock that only moves forward:
 * {@code Run.at(state)} drives a fresh application to any state the ordinary way.
 */
final class Run {
    static final WorkingDayCalendar CALENDAR = WorkingCalendars.shipped();
    /** Monday 2 March 2026, 10:00 in Wuxi. */
    static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

    static final String APPLICANT = "91320214MA1W9KXQ3T";
    static final String PROGRAMME = "S4-EDGE-COMPUTE";

    static final Actor ENTERPRISE = Actor.enterprise("ent-alpha", APPLICANT);
    static final Actor OTHER_ENTERPRISE = Actor.enterprise("ent-beta", "91320200MA1T0ZZZ4B");
    static final Actor REVIEWER = Actor.reviewer("rev-industry", "industry");
    static final Actor SECOND = Actor.reviewer("rev-industry-2", "industry");
    static final Actor OTHER_DEPARTMENT = Actor.reviewer("rev-science", "science");
    static final Actor CITY = Actor.cityApprover("city-approver");
    static final Actor ELIGIBILITY = Actor.system("eligibility");
    static final Actor BUDGET = Actor.system("budget");
    static final Actor DISBURSEMENT = Actor.system("disbursement");
    static final Actor SCHEDULER = Actor.system("announcement-job");
    static final Actor FINANCE = Actor.of("fin-officer", ActorRole.FINANCE);
    static final Actor OPERATOR = Actor.of("ops", ActorRole.OPERATOR);
    static final Actor ADMIN = Actor.of("admin-user", ActorRole.ADMIN);

    static final BigDecimal CEILING = new BigDecimal("3000000.00");
    static final BigDecimal AMOUNT = new BigDecimal("250000.00");
    /** Above the default four-eyes threshold of 1,000,000.00. */
    static final BigDecimal LARGE = new BigDecimal("2000000.00");

    static final Bilingual WHY = Bilingual.of("符合政策条件", "meets the policy's conditions");
    static final List<CorrectionItem> ITEMS = List.of(
            new CorrectionItem(
                    "edge_purchase_cost",
                    CorrectionItem.Problem.WRONG,
                    Bilingual.of("采购金额与发票不符", "the purchase cost does not match the invoices")),
            new CorrectionItem(
                    "attachments.invoice",
                    CorrectionItem.Problem.MISSING,
                    Bilingual.of("缺少发票", "the invoices are missing")));

    final Procedure p;
    Instant now;
    final UUID reservation = UUID.randomUUID();

    Run(ProcedureSettings settings) {
        now = T0;
        p = Procedure.draft(UUID.randomUUID(), APPLICANT, PROGRAMME, settings, ENTERPRISE, now, CALENDAR);
    }

    Run() {
        this(ProcedureSettings.DEFAULT);
    }

    private Run(Procedure offer) {
        now = T0;
        p = offer;
    }

    static final Actor AGENCY = Actor.reviewer("service-account-agency-industry", "industry");

    /** 免申即享: an offer made by an import, being screened. */
    static Run offer() {
        return offer(ProcedureSettings.DEFAULT);
    }

    static Run offer(ProcedureSettings settings) {
        return new Run(Procedure.offer(
                UUID.randomUUID(), APPLICANT, "S1-SRDI", settings, UUID.randomUUID(), AGENCY, T0, CALENDAR));
    }

    Instant tick() {
        now = now.plus(1, ChronoUnit.HOURS);
        return now;
    }

    static Evaluation eligible(BigDecimal ceiling, ProgrammeFlag... flags) {
        Set<ProgrammeFlag> set = flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags);
        return new Evaluation(true, ceiling, "industry", set, "2025-05-23.1", List.of(), T0);
    }

    /** The same evaluation, of the facts as corrected in answer to notice {@code revision} (补正). */
    static Evaluation revised(Evaluation e, int revision) {
        return new Evaluation(
                e.eligible(),
                e.ceiling(),
                e.department(),
                e.flags(),
                e.catalogueVersion(),
                e.reasons(),
                e.evaluatedAt(),
                e.overrides(),
                revision);
    }

    /** The same evaluation, with the departures from its formula the catalogue allows. */
    static Evaluation allowing(Evaluation e, OverrideKind... kinds) {
        return new Evaluation(
                e.eligible(),
                e.ceiling(),
                e.department(),
                e.flags(),
                e.catalogueVersion(),
                e.reasons(),
                e.evaluatedAt(),
                Set.of(kinds));
    }

    static Evaluation ineligible() {
        return new Evaluation(
                false,
                null,
                null,
                Set.of(),
                "2025-05-23.1",
                List.of(Bilingual.of("不在无锡市区", "outside the Wuxi urban districts")),
                T0);
    }

    Run submit() {
        p.submit(ENTERPRISE, tick());
        return this;
    }

    Run evaluate(Evaluation evaluation) {
        p.recordEvaluation(ELIGIBILITY, evaluation, tick());
        return this;
    }

    Run screen(Evaluation evaluation) {
        p.recordScreening(ELIGIBILITY, evaluation, tick());
        return this;
    }

    Run claim() {
        p.claim(REVIEWER, tick());
        return this;
    }

    Run recommend(BigDecimal amount) {
        p.recommend(REVIEWER, amount, WHY, null, tick());
        return this;
    }

    Run confirm() {
        p.confirm(SECOND, tick());
        return this;
    }

    Run announce() {
        p.announce(REVIEWER, tick());
        return this;
    }

    Run closeAnnouncement() {
        now = p.announcement().closesAt();
        p.closeAnnouncement(SCHEDULER, reservation, now);
        return this;
    }

    Run pay(BigDecimal amount) {
        p.recordPayment(DISBURSEMENT, reservation, amount, tick());
        return this;
    }

    /** Eligible with the default ceiling, claimed: the starting point of most review tests. */
    static Run underReview(Evaluation evaluation) {
        return new Run().submit().evaluate(evaluation).claim();
    }

    static Run underReview() {
        return underReview(eligible(CEILING));
    }

    /** A fresh application driven to {@code state} the ordinary way. */
    static Run at(ProcedureState state) {
        Run r = new Run();
        switch (state) {
            case DRAFT -> {}
            case SCREENING -> {
                return offer();
            }
            case OFFERED -> {
                return offer().screen(eligible(AMOUNT));
            }
            case OFFER_DECLINED -> {
                Run o = offer().screen(eligible(AMOUNT));
                o.p.declineOffer(ENTERPRISE, null, o.tick());
                return o;
            }
            case SUBMITTED -> r.submit();
            case INELIGIBLE -> r.submit().evaluate(ineligible());
            case ELIGIBLE -> r.submit().evaluate(eligible(CEILING));
            case UNDER_REVIEW -> r.submit().evaluate(eligible(CEILING)).claim();
            case CORRECTION_REQUESTED -> {
                r.submit().evaluate(eligible(CEILING)).claim();
                r.p.requestCorrection(REVIEWER, ITEMS, r.tick());
            }
            case AWAITING_CONFIRMATION ->
                r.submit().evaluate(eligible(CEILING)).claim().recommend(LARGE);
            case RECOMMENDED -> r.submit().evaluate(eligible(CEILING)).claim().recommend(AMOUNT);
            case IN_ANNOUNCEMENT ->
                r.submit().evaluate(eligible(CEILING)).claim().recommend(AMOUNT).announce();
            case OBJECTION_RAISED -> {
                r.submit().evaluate(eligible(CEILING)).claim().recommend(AMOUNT).announce();
                r.p.raiseObjection(OTHER_ENTERPRISE, WHY, r.tick());
            }
            case AWAITING_CITY_APPROVAL ->
                r.submit()
                        .evaluate(eligible(CEILING, ProgrammeFlag.CITY_APPROVAL))
                        .claim()
                        .recommend(AMOUNT)
                        .announce()
                        .closeAnnouncement();
            case APPROVED ->
                r.submit()
                        .evaluate(eligible(CEILING))
                        .claim()
                        .recommend(AMOUNT)
                        .announce()
                        .closeAnnouncement();
            case PARTLY_PAID -> {
                return at(ProcedureState.APPROVED).pay(new BigDecimal("100000.00"));
            }
            case PAID -> {
                return at(ProcedureState.APPROVED).pay(AMOUNT);
            }
            case CLOSED -> {
                Run paid = at(ProcedureState.PAID);
                paid.p.close(REVIEWER, null, paid.tick());
                return paid;
            }
            case WITHDRAWN -> {
                r.submit();
                r.p.withdraw(ENTERPRISE, null, r.tick());
            }
            case REJECTED -> {
                r.submit().evaluate(eligible(CEILING)).claim();
                r.p.reject(REVIEWER, WHY, r.tick());
            }
            case CLAWED_BACK -> {
                Run paid = at(ProcedureState.PAID);
                paid.p.clawBack(REVIEWER, AMOUNT, WHY, paid.tick());
                return paid;
            }
        }
        if (r.p.state() != state) {
            throw new IllegalStateException("fixture reached " + r.p.state() + ", not " + state);
        }
        return r;
    }
}
