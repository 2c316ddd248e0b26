package io.grantflow.applications.application.procedure;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.domain.Staging;
import io.grantflow.applications.domain.procedure.CorrectionItem;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.domain.procedure.ProcedureEvent;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.commands.VoidReservationV1;
import io.grantflow.contracts.events.Applicant;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.ApplicationSubmittedV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.events.PaymentClearanceV1;
import io.grantflow.contracts.events.StageShare;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the other services hear of one procedure event: always one {@code ApplicationStatusChangedV1},
 * and, where the event asks something of them, the command or event that asks it (the
 * reservation of an approval, the void of a withdrawal, the
 * submission eligibility evaluates).
 */
final class ProcedureMessages {
    private ProcedureMessages() {}

    static List<Record> of(ProcedureEvent event, Procedure p, ApplicationEntity row, ObjectMapper json) {
        ProcedureEvent.Header h = event.header();
        List<Record> out = new ArrayList<>();
        Bilingual reasons = reasons(event);
        out.add(new ApplicationStatusChangedV1(
                p.id(),
                p.applicantId(),
                p.programme(),
                h.from() == null ? null : h.from().name(),
                h.to().name(),
                h.command().code(),
                amount(event),
                reasons == null ? null : bounded(reasons.zh()),
                reasons == null ? null : bounded(reasons.en()),
                row.contactEmail,
                event instanceof ProcedureEvent.Approved a ? a.reservationId() : null,
                Vocabulary.DEPARTMENT_CODES.contains(p.department()) ? p.department() : null,
                h.at()));
        if (event instanceof ProcedureEvent.Submitted || event instanceof ProcedureEvent.OfferCreated) {
            // an offer is screened by eligibility exactly as a submission is evaluated (ADR 0020)
            out.add(new ApplicationSubmittedV1(
                    p.id(),
                    p.programme(),
                    new Applicant(p.applicantId(), row.applicantKind, row.district),
                    facts(row, json),
                    h.at()));
        } else if (event instanceof ProcedureEvent.CorrectionResubmitted c) {
            // 补正: the facts as corrected, evaluated again as of the submission's date
            out.add(new ApplicationSubmittedV1(
                    p.id(),
                    p.programme(),
                    new Applicant(p.applicantId(), row.applicantKind, row.district),
                    facts(row, json),
                    row.submittedAt == null ? h.at() : row.submittedAt.toInstant(),
                    c.noticeNumber()));
        } else if (event instanceof ProcedureEvent.Approved a) {
            out.add(reserve(a, p, row, json));
        } else if (event instanceof ProcedureEvent.Withdrawn w && w.reservationToVoid() != null) {
            out.add(new VoidReservationV1(
                    w.reservationToVoid(), "application withdrawn by the applicant / 申请单位撤回申请", h.at()));
        } else if (event instanceof ProcedureEvent.PaymentCleared c) {
            out.add(new PaymentClearanceV1(
                    c.paymentId(), p.id(), c.reservationId(), true, h.to().name(), null, null, null, h.at()));
        }
        // a clawback reverses nothing here: disbursement reverses what it recovers, as it recovers it (ADR 0029)
        return out;
    }

    /** The budget must reserve the approved amount in the current fiscal year, split by the evaluation's staging plan. */
    private static ReserveFundsV1 reserve(
            ProcedureEvent.Approved a, Procedure p, ApplicationEntity row, ObjectMapper json) {
        int year = a.header().at().atZone(Vocabulary.POLICY_ZONE).getYear();
        List<InstalmentAmount> instalments = Staging.split(a.amount(), year, staging(row, json)).stream()
                .map(s -> new InstalmentAmount(s.fiscalYear(), s.amount(), s.condition()))
                .toList();
        return new ReserveFundsV1(
                a.reservationId(),
                p.id(),
                p.programme(),
                p.department(),
                p.applicantId(),
                row.applicantKind == null ? Vocabulary.ENTERPRISE : row.applicantKind,
                year,
                a.amount(),
                instalments,
                approvedLimits(
                        limits(row, json),
                        a.amount(),
                        a.recommendation() != null
                                && a.recommendation().override() != null
                                && a.cityApprovedBy() != null),
                a.header().at());
    }

    /**
     * The limits the budget enforces on an approval. An override (一事一议) that the city approved
     * departs from the formula by design: the programme ceiling then claims the approved amount,
     * not the evaluated one, or the budget would refuse every such award as CEILING_EXCEEDED and
     * send it back to the reviewer. Every other limit (the beneficiary's year, the budget) stands.
     */
    static List<LimitClaim> approvedLimits(List<LimitClaim> limits, BigDecimal amount, boolean cityApprovedOverride) {
        if (!cityApprovedOverride) {
            return limits;
        }
        return limits.stream()
                .map(l -> LimitKind.PROGRAMME_CEILING.name().equals(l.kind())
                                && l.limit() != null
                                && l.limit().compareTo(amount) < 0
                        ? LimitClaim.money(LimitKind.PROGRAMME_CEILING, l.key(), amount)
                        : l)
                .toList();
    }

    /** The amount a notice about this event speaks of. */
    static BigDecimal amount(ProcedureEvent event) {
        if (event instanceof ProcedureEvent.FoundEligible e) {
            return e.evaluation().ceiling();
        } else if (event instanceof ProcedureEvent.Reevaluated r) {
            return r.evaluation().ceiling();
        } else if (event instanceof ProcedureEvent.OfferMade o) {
            return o.amount();
        } else if (event instanceof ProcedureEvent.Recommended r) {
            return r.recommendation().amount();
        } else if (event instanceof ProcedureEvent.RecommendationConfirmed r) {
            return r.recommendation().amount();
        } else if (event instanceof ProcedureEvent.AnnouncementStarted a) {
            return a.amount();
        } else if (event instanceof ProcedureEvent.SentForCityApproval s) {
            return s.amount();
        } else if (event instanceof ProcedureEvent.Approved a) {
            return a.amount();
        } else if (event instanceof ProcedureEvent.PaymentRecorded r) {
            return r.totalPaid();
        } else if (event instanceof ProcedureEvent.ClawedBack c) {
            return c.amount();
        }
        return null;
    }

    /** The reasons a notice about this event gives the applicant; none where the step is internal. */
    static Bilingual reasons(ProcedureEvent event) {
        if (event instanceof ProcedureEvent.FoundIneligible i) {
            return join(i.evaluation().reasons());
        } else if (event instanceof ProcedureEvent.Reevaluated r
                && !r.evaluation().eligible()) {
            return join(r.evaluation().reasons());
        } else if (event instanceof ProcedureEvent.OfferMade o) {
            // the clause-cited explanation of the amount offered
            return join(o.evaluation().reasons());
        } else if (event instanceof ProcedureEvent.OfferScreenedOut o) {
            return o.reason();
        } else if (event instanceof ProcedureEvent.OfferDeclined o) {
            return o.reason();
        } else if (event instanceof ProcedureEvent.CorrectionRequested c) {
            return join(c.notice().items().stream().map(ProcedureMessages::item).toList());
        } else if (event instanceof ProcedureEvent.Rejected r) {
            return r.reasons();
        } else if (event instanceof ProcedureEvent.Withdrawn w) {
            return w.reason();
        } else if (event instanceof ProcedureEvent.BudgetRefused b) {
            return b.refusal().message();
        } else if (event instanceof ProcedureEvent.ObjectionUpheld u) {
            return u.reasons();
        } else if (event instanceof ProcedureEvent.ClawedBack c) {
            return c.reasons();
        } else if (event instanceof ProcedureEvent.Closed c) {
            return c.note();
        } else if (event instanceof ProcedureEvent.PaymentFailed f) {
            return f.reason();
        }
        return null;
    }

    private static Bilingual item(CorrectionItem i) {
        String zh = i.problem() == CorrectionItem.Problem.MISSING ? "缺少" : "有误";
        String en = i.problem() == CorrectionItem.Problem.MISSING ? "missing" : "wrong";
        return Bilingual.of(
                i.field() + "（" + zh + "）：" + i.explanation().zh(),
                i.field() + " (" + en + "): " + i.explanation().en());
    }

    private static Bilingual join(List<Bilingual> texts) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        return Bilingual.of(
                texts.stream().map(Bilingual::zh).collect(Collectors.joining("；")),
                texts.stream().map(Bilingual::en).collect(Collectors.joining("; ")));
    }

    /** A reason fits the event's bound; a longer one (many correction items) is cut with a mark. */
    private static String bounded(String text) {
        if (text == null || text.length() <= Bounds.REASON) {
            return text;
        }
        return text.substring(0, Bounds.REASON - 1) + "…";
    }

    private static Map<String, Object> facts(ApplicationEntity row, ObjectMapper json) {
        try {
            return json.readValue(row.facts, new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw new IllegalStateException("application " + row.id + " has unreadable facts", e);
        }
    }

    /** The evaluation's staging plan; empty for an award paid at once (and for older rows). */
    private static List<Staging.Stage> staging(ApplicationEntity row, ObjectMapper json) {
        if (row.staging == null || row.staging.isBlank()) {
            return List.of();
        }
        try {
            return json
                    .readerFor(new TypeReference<List<StageShare>>() {})
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .<List<StageShare>>readValue(row.staging)
                    .stream()
                    .map(s -> new Staging.Stage(s.yearOffset(), s.share(), s.condition()))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("application " + row.id + " has an unreadable staging plan", e);
        }
    }

    /** The evaluation's limits, forwarded for the budget to enforce; the ceiling alone for older rows. */
    private static List<LimitClaim> limits(ApplicationEntity row, ObjectMapper json) {
        if (row.limits != null) {
            try {
                return json.readerFor(new TypeReference<List<LimitClaim>>() {})
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue(row.limits);
            } catch (Exception e) {
                throw new IllegalStateException("application " + row.id + " has unreadable limits", e);
            }
        }
        return row.ceiling == null
                ? List.of()
                : List.of(LimitClaim.money(
                        LimitKind.PROGRAMME_CEILING,
                        LimitKind.ceilingKey(row.programme, row.applicantId),
                        row.ceiling));
    }
}
