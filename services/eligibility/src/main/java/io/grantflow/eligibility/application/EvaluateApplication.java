package io.grantflow.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.ApplicationSubmittedV1;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.events.OverrideAllowance;
import io.grantflow.contracts.events.Reason;
import io.grantflow.contracts.events.StageShare;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.eligibility.domain.Applicant;
import io.grantflow.eligibility.domain.BadInputException;
import io.grantflow.eligibility.domain.Evaluation;
import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.persistence.EvaluationEntity;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a submitted application, stores the evaluation and announces it, in the caller's
 * transaction. Bad input found here (the applicant or a fact) makes the application ineligible
 * with the error code as its reason, since nobody is waiting for a synchronous answer.
 */
@ApplicationScoped
public class EvaluateApplication {
    /** The policy is Wuxi's: dates are read in China Standard Time. */
    public static final ZoneId POLICY_ZONE = Vocabulary.POLICY_ZONE;

    private static final int MAX_REASONS = 50;
    private static final int MAX_MESSAGE = 500;
    private static final int MAX_TRACE = 8000;

    private final Evaluator evaluator;
    private final Policy catalogue;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final AwardHistory awards;

    public EvaluateApplication(
            Evaluator evaluator, Policy catalogue, Outbox outbox, ObjectMapper json, AwardHistory awards) {
        this.evaluator = evaluator;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.json = json;
        this.awards = awards;
    }

    public Uni<Void> evaluate(ApplicationSubmittedV1 submitted, MessageContext context) {
        return EvaluationEntity.<EvaluationEntity>findById(submitted.applicationId())
                .chain(existing -> {
                    if (existing != null && existing.revision >= submitted.revision()) {
                        // evaluated already (a resubmitted event with a new id), or a correction since
                        return Uni.createFrom().voidItem();
                    }
                    return awards.of(submitted.applicant().id())
                            .chain(history -> store(existing, submitted, history, context));
                });
    }

    /** Stores the evaluation, or replaces an earlier revision's (补正: the facts as corrected). */
    private Uni<Void> store(
            EvaluationEntity existing,
            ApplicationSubmittedV1 submitted,
            List<HistoryItem> history,
            MessageContext context) {
        ApplicationEvaluatedV1 event = toEvent(submitted, history);
        EvaluationEntity row = existing == null ? new EvaluationEntity() : existing;
        row.revision = submitted.revision();
        row.applicationId = submitted.applicationId();
        row.programme = submitted.programme();
        row.applicantId = submitted.applicant().id();
        row.eligible = event.eligible();
        row.ceiling = event.ceiling();
        row.department = event.department();
        row.reasons = Json.write(json, event.reasons());
        row.trace = event.traceSummary();
        row.catalogueVersion = event.catalogueVersion();
        row.facts = Json.write(json, submitted.facts() == null ? Map.of() : submitted.facts());
        row.evaluatedAt = OffsetDateTime.ofInstant(event.evaluatedAt(), ZoneOffset.UTC);
        return (existing == null ? row.persist() : Uni.createFrom().item(row))
                .chain(() -> outbox.add(event, submitted.applicationId().toString(), context))
                .replaceWithVoid();
    }

    /** The departures from the formula the catalogue allows for the programme: the reviewer's override checks them. */
    private List<OverrideAllowance> overrides(String programme) {
        return catalogue
                .programme(programme)
                .map(p -> p.overrides().stream()
                        .map(o -> new OverrideAllowance(o.kind(), o.reference()))
                        .toList())
                .orElse(List.of());
    }

    private ApplicationEvaluatedV1 toEvent(ApplicationSubmittedV1 submitted, List<HistoryItem> history) {
        LocalDate asOf = submitted.submittedAt().atZone(POLICY_ZONE).toLocalDate();
        Applicant applicant = new Applicant(
                submitted.applicant().id(),
                submitted.applicant().kind(),
                submitted.applicant().district());
        try {
            Evaluation evaluation =
                    evaluator.evaluate(submitted.programme(), asOf, applicant, submitted.facts(), history);
            // bounded as ApplicationEvaluatedV1's schema says, so that no evaluation outgrows the broker's limit
            List<Reason> reasons = evaluation.reasons().stream()
                    .limit(MAX_REASONS)
                    .map(r -> new Reason(r.name(), cut(r.messageZh(), MAX_MESSAGE), cut(r.messageEn(), MAX_MESSAGE)))
                    .toList();
            List<LimitClaim> limits = evaluation.limits().stream()
                    .map(l -> new LimitClaim(l.kind().name(), l.key(), l.limit(), l.count()))
                    .toList();
            // the stages, not the amounts: the reviewer may approve less than the ceiling
            List<StageShare> staging = evaluation.instalments().stream()
                    .map(i -> new StageShare(
                            i.yearOffset(),
                            i.share(),
                            i.condition() == null ? null : i.condition().name()))
                    .toList();
            return new ApplicationEvaluatedV1(
                    submitted.applicationId(),
                    submitted.programme(),
                    evaluation.eligible(),
                    evaluation.ceiling().orElse(null),
                    evaluation.department(),
                    evaluation.flags(),
                    reasons,
                    limits,
                    staging,
                    evaluation.catalogueVersion(),
                    cut(evaluation.traceSummary(), MAX_TRACE),
                    Instant.now(),
                    overrides(submitted.programme()),
                    submitted.revision());
        } catch (BadInputException e) {
            String department = catalogue
                    .programme(submitted.programme())
                    .map(ProgrammeDef::department)
                    .orElse("unknown");
            return new ApplicationEvaluatedV1(
                    submitted.applicationId(),
                    submitted.programme(),
                    false,
                    null,
                    department,
                    List.of(),
                    List.of(new Reason(
                            e.code(),
                            cut(e.messageZh() + "（" + e.field() + "）", MAX_MESSAGE),
                            cut(e.getMessage() + " (" + e.field() + ")", MAX_MESSAGE))),
                    List.of(),
                    List.of(),
                    catalogue.version(),
                    "refused as bad input: " + e.code(),
                    Instant.now(),
                    List.of(),
                    submitted.revision());
        }
    }

    private static String cut(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
