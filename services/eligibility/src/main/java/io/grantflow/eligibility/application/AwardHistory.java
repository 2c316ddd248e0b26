package io.grantflow.eligibility.application;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.persistence.AwardEntity;
import io.grantflow.eligibility.persistence.EvaluationEntity;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The applicant's award history the engine evaluates against. An approval of this policy is an
 * award from that moment (so a second application for a first-time award is refused even before
 * payment); a budget refusal, a withdrawal or a clawback afterwards voids it, and a new approval
 * (after a budget refusal, the application is reviewed and approved again) makes it count again.
 * Awards of other city-level policies are declared by an operator.
 */
@ApplicationScoped
public class AwardHistory {
    private final ObjectMapper json;

    public AwardHistory(ObjectMapper json) {
        this.json = json;
    }

    /** The applicant's awards that still count, in a session of its own (for REST). */
    public Uni<List<HistoryItem>> list(String applicantId) {
        return Panache.withSession(() -> of(applicantId));
    }

    /** Declares an award in a transaction of its own (for REST). */
    public Uni<HistoryItem> declareNow(
            String recordId,
            String applicantId,
            String programme,
            String policy,
            LocalDate asOf,
            BigDecimal amount,
            Map<String, Object> facts) {
        return Panache.withTransaction(() -> declare(recordId, applicantId, programme, policy, asOf, amount, facts));
    }

    /** The applicant's awards that still count. Runs in the caller's session. */
    public Uni<List<HistoryItem>> of(String applicantId) {
        return AwardEntity.<AwardEntity>list("applicantId = ?1 and voided = false", applicantId)
                .map(rows -> rows.stream().map(this::item).toList());
    }

    /**
     * The commands that approve (with none: an approval of the first flow). Other commands that
     * keep an application APPROVED (the budget's reservation) leave its award as it is.
     */
    static final Set<String> APPROVING_COMMANDS = Set.of("close_announcement", "city_approve");

    /** States that end an approval: the award never was, or no longer is. */
    static final Set<String> VOIDING_STATUSES = Set.of("WITHDRAWN", "CLAWED_BACK", "BUDGET_REFUSED", "PAYMENT_FAILED");

    /** Commands that take an approved application back to an earlier state: its award is void until approved again. */
    static final Set<String> VOIDING_COMMANDS = Set.of("record_budget_refusal");

    /** An approval: APPROVED by an approving command, or by the first flow (no command). */
    static boolean approves(ApplicationStatusChangedV1 change) {
        return "APPROVED".equals(change.status())
                && (change.command() == null || APPROVING_COMMANDS.contains(change.command()));
    }

    /**
     * The application leaves the approved path: withdrawn, clawed back, back to review after the
     * budget refused (and, of the first flow, budget refused or payment failed).
     */
    static boolean voids(ApplicationStatusChangedV1 change) {
        return VOIDING_STATUSES.contains(change.status())
                || (change.command() != null && VOIDING_COMMANDS.contains(change.command()));
    }

    /**
     * Follows the applications service: an approval records the application's award, or makes a
     * voided one count again with the new approval's amount and date (approved anew after a budget
     * refusal); leaving the approved path voids it.
     */
    public Uni<Void> statusChanged(ApplicationStatusChangedV1 change, MessageContext context) {
        String sourceId = change.applicationId().toString();
        if (approves(change)) {
            return AwardEntity.<AwardEntity>find("sourceId", sourceId)
                    .firstResult()
                    .chain(existing -> existing != null && !existing.voided
                            ? Uni.createFrom().voidItem() // recorded: a second approval while it counts changes nothing
                            : EvaluationEntity.<EvaluationEntity>findById(change.applicationId())
                                    .chain(evaluation -> {
                                        AwardEntity award = existing != null ? existing : new AwardEntity();
                                        award.applicantId = change.applicantId();
                                        award.programme = change.programme();
                                        award.policy = HistoryItem.THIS_POLICY;
                                        award.asOf = change.changedAt()
                                                .atZone(EvaluateApplication.POLICY_ZONE)
                                                .toLocalDate();
                                        award.amount =
                                                change.amount() == null ? BigDecimal.ZERO.setScale(2) : change.amount();
                                        award.facts = evaluation == null || evaluation.facts == null
                                                ? "{}"
                                                : evaluation.facts;
                                        award.source = "APPLICATION";
                                        award.sourceId = sourceId;
                                        award.voided = false;
                                        award.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                        return award.persist().replaceWithVoid();
                                    }));
        }
        if (voids(change)) {
            return AwardEntity.update("voided = true where sourceId = ?1", sourceId)
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    /** An award of another policy (or one made before this system), declared by an operator. */
    public Uni<HistoryItem> declare(
            String recordId,
            String applicantId,
            String programme,
            String policy,
            LocalDate asOf,
            BigDecimal amount,
            Map<String, Object> facts) {
        return AwardEntity.<AwardEntity>find("sourceId", "declared:" + recordId)
                .firstResult()
                .chain(existing -> {
                    String factsJson = Json.write(json, facts == null ? Map.of() : facts);
                    if (existing != null) {
                        // the record id is the idempotency key: the same declaration again is answered as the first,
                        // another declaration under the same id is a conflict, never silently the first one
                        boolean same = existing.applicantId.equals(applicantId)
                                && existing.programme.equals(programme)
                                && existing.policy.equals(policy == null ? HistoryItem.THIS_POLICY : policy)
                                && existing.asOf.equals(asOf)
                                && existing.amount.compareTo(amount) == 0
                                && sameJson(existing.facts, factsJson);
                        if (!same) {
                            return Uni.createFrom()
                                    .failure(ProblemException.conflict(
                                            "IDEMPOTENCY_CONFLICT",
                                            "该记录编号已用于另一项登记",
                                            "This recordId was used for another declaration"));
                        }
                        return Uni.createFrom().item(item(existing));
                    }
                    AwardEntity award = new AwardEntity();
                    award.applicantId = applicantId;
                    award.programme = programme;
                    award.policy = policy == null ? HistoryItem.THIS_POLICY : policy;
                    award.asOf = asOf;
                    award.amount = amount;
                    award.facts = factsJson;
                    award.source = "DECLARED";
                    award.sourceId = "declared:" + recordId;
                    award.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return award.persist().replaceWith(() -> item(award));
                });
    }

    private boolean sameJson(String a, String b) {
        try {
            return json.readTree(a).equals(json.readTree(b));
        } catch (Exception e) {
            return false;
        }
    }

    private HistoryItem item(AwardEntity row) {
        Map<String, Object> facts;
        try {
            facts = json.readValue(row.facts, new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException("award " + row.id + " has unreadable facts", e);
        }
        return new HistoryItem(row.programme, row.policy, row.asOf, row.amount, facts);
    }
}
