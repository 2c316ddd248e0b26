package io.grantflow.applications.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.audit.AuditTrail;
import io.grantflow.applications.application.call.Calls;
import io.grantflow.applications.application.procedure.Idempotency;
import io.grantflow.applications.application.procedure.ProcedureConfig;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.persistence.ApplicationCommitmentEntity;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An enterprise's application: a draft it saves and edits, and its submission (申报), which the
 * eligibility service then evaluates. A submission straight away is a draft submitted in the
 * same transaction. Each step goes through the procedure, with its audit entry and events.
 */
@ApplicationScoped
public class SubmitApplication {
    private final RunProcedure procedures;
    private final ProcedureConfig config;
    private final ObjectMapper json;
    private final ProgrammeDirectory directory;
    private final Calls calls;
    private final AuditTrail audit;

    /** The audit trail's action for a draft's edit (its subject: the application). */
    public static final String EDIT_DRAFT_ACTION = "application.edit-draft";

    public SubmitApplication(
            RunProcedure procedures,
            ProcedureConfig config,
            ObjectMapper json,
            ProgrammeDirectory directory,
            Calls calls,
            AuditTrail audit) {
        this.procedures = procedures;
        this.config = config;
        this.json = json;
        this.directory = directory;
        this.calls = calls;
        this.audit = audit;
    }

    /**
     * The call an application of {@code programme} is submitted in: an ON_MERIT (择优) programme
     * is accepted only inside an open call (422 NO_OPEN_CALL otherwise); any other needs none.
     */
    private Uni<UUID> callFor(String programme, Instant at) {
        boolean onMerit =
                directory.find(programme).map(p -> p.flagged("ON_MERIT")).orElse(false);
        if (!onMerit) {
            return Uni.createFrom().nullItem();
        }
        return calls.accepting(programme, at)
                .map(call -> call.orElseThrow(() -> ProblemException.unprocessable(
                        "NO_OPEN_CALL",
                        "该项目择优支持，只在申报批次开放期间受理；当前没有开放的批次（GET /calls?programme=）",
                        "This programme is awarded on merit and accepts applications only inside an open call; none is"
                                + " open now (GET /calls?programme=)",
                        List.of(new FieldError(
                                "programme", "NO_OPEN_CALL", "当前没有开放的申报批次", "no call is open for this programme")))));
    }

    /**
     * What an applicant submits; the applicant's identity comes from the token, never the body.
     * {@code commitment} is the credit commitment it accepted: required to submit, none for a draft.
     */
    public record SubmitCommand(
            String applicantId,
            String applicantKind,
            String district,
            String programme,
            Map<String, Object> facts,
            String contactEmail,
            String actor,
            CreditCommitment commitment) {}

    /** A submission without a request of its own (from code): the audit trail gets a made-up correlation id. */
    public Uni<ApplicationRecord> submit(SubmitCommand command) {
        return submit(command, AuditContext.of(command.actor(), "enterprise"), null);
    }

    /** A new application, submitted at once. */
    public Uni<ApplicationRecord> submit(SubmitCommand command, AuditContext who, Idempotency.Key key) {
        return create(command, who, key, true);
    }

    /** A new draft, to be edited and submitted later. */
    public Uni<ApplicationRecord> draft(SubmitCommand command, AuditContext who, Idempotency.Key key) {
        return create(command, who, key, false);
    }

    /**
     * The applicant edits its draft: the district, the facts, the contact address; recorded in the
     * audit trail ({@value #EDIT_DRAFT_ACTION}, what it was and what it is) in the same transaction.
     */
    public Uni<ApplicationRecord> edit(
            UUID id,
            String enterpriseId,
            String district,
            Map<String, Object> facts,
            String contactEmail,
            AuditContext who) {
        return Panache.withTransaction(() -> ApplicationEntity.<ApplicationEntity>findById(id)
                        .chain(row -> {
                            if (row == null || !row.applicantId.equals(enterpriseId)) {
                                throw ProblemException.notFound("申请", "application", id.toString());
                            }
                            if (!ProcedureState.DRAFT.name().equals(row.status)) {
                                throw ProblemException.conflict(
                                        "NOT_A_DRAFT",
                                        "申请已提交，不能再修改草稿；补正请按补正通知办理",
                                        "The application was submitted: a draft can no longer be edited; "
                                                + "corrections answer a correction notice");
                            }
                            String before = draftState(row);
                            row.district = district;
                            row.facts = Json.write(json, facts);
                            row.contactEmail = contactEmail;
                            row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                            // the audit head's lock before the row is written, as every writer takes it (AuditTrail)
                            return audit.append(who, EDIT_DRAFT_ACTION, id.toString(), before, draftState(row))
                                    .chain(entry -> Panache.flush())
                                    .replaceWith(row);
                        }))
                .map(ApplicationQueries::toRecord);
    }

    /** What a draft's edit changes, as the audit trail records it: absent members left out. */
    private String draftState(ApplicationEntity row) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", row.status);
        state.put("district", row.district);
        if (row.facts != null) {
            try {
                // parsed, so that the entry holds them as JSON rather than as a string of JSON
                state.put("facts", json.readTree(row.facts));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the facts of application " + row.id + " are not JSON", e);
            }
        }
        if (row.contactEmail != null) {
            state.put("contactEmail", row.contactEmail);
        }
        return Json.write(json, state);
    }

    /** The applicant submits its draft, accepting the credit commitment named. */
    public Uni<ApplicationRecord> submitDraft(
            UUID id,
            Actor actor,
            CreditCommitment commitment,
            Consumer<RunProcedure.File> complete,
            AuditContext who,
            Idempotency.Key key) {
        requireCommitment(commitment);
        return procedures.run(
                id,
                row -> row.applicantId().equals(actor.enterpriseId()),
                who,
                key,
                (procedure, file) -> {
                    // a draft may have been saved unfinished: its facts must be complete now
                    complete.accept(file);
                    Instant now = Instant.now();
                    procedure.submit(actor, now);
                    file.markSubmitted(now);
                },
                row -> callFor(row.programme, Instant.now())
                        .invoke(call -> row.callId = call)
                        .chain(() -> accepted(id, commitment, actor.id(), Instant.now())));
    }

    /**
     * 免申即享 (ADR 0020): the enterprise confirms an offer (意愿确认), accepting the credit
     * commitment named: straight to 公示 with the evaluated amount.
     */
    public Uni<ApplicationRecord> confirmOffer(
            UUID id, Actor actor, CreditCommitment commitment, AuditContext who, Idempotency.Key key) {
        return procedures.run(
                id,
                row -> row.applicantId().equals(actor.enterpriseId()),
                who,
                key,
                (procedure, file) -> procedure.confirmOffer(actor, Instant.now()),
                row -> accepted(id, commitment, actor.id(), Instant.now()));
    }

    private Uni<ApplicationRecord> create(
            SubmitCommand command, AuditContext who, Idempotency.Key key, boolean submitNow) {
        if (submitNow) {
            requireCommitment(command.commitment());
        }
        return Panache.withTransaction(() -> procedures.idempotency().once(key, ApplicationRecord.class, () -> {
            Instant now = Instant.now();
            UUID id = UUID.randomUUID();
            Actor actor = Actor.enterprise(command.actor(), command.applicantId());
            Procedure procedure = Procedure.draft(
                    id,
                    command.applicantId(),
                    command.programme(),
                    config.settingsFor(command.programme()),
                    actor,
                    now,
                    procedures.calendar());
            ApplicationEntity row = new ApplicationEntity();
            row.id = id;
            row.applicantId = command.applicantId();
            row.applicantKind = command.applicantKind();
            row.district = command.district();
            row.programme = command.programme();
            row.facts = Json.write(json, command.facts());
            row.contactEmail = command.contactEmail();
            Uni<UUID> call = submitNow
                    ? callFor(command.programme(), now)
                    : Uni.createFrom().nullItem();
            return call.chain(callId -> {
                        row.callId = callId;
                        if (submitNow) {
                            procedure.submit(actor, now);
                            row.submittedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
                        }
                        return procedures.create(procedure, row, who);
                    })
                    .call(() -> submitNow
                            ? accepted(id, command.commitment(), command.actor(), now)
                            : Uni.createFrom().voidItem())
                    .map(ApplicationQueries::toRecord);
        }));
    }

    /**
     * Every submission accepts the credit commitment (issue #10); the REST layer refuses one without
     * it as 400, so a submission from code without one is a programming error.
     */
    private static void requireCommitment(CreditCommitment commitment) {
        if (commitment == null) {
            throw new IllegalArgumentException("a submission accepts the credit commitment in force");
        }
    }

    /** The credit commitment accepted with the submission: its version and the SHA-256 of its text. */
    private static Uni<Void> accepted(UUID id, CreditCommitment commitment, String actor, Instant now) {
        ApplicationCommitmentEntity accepted = new ApplicationCommitmentEntity();
        accepted.applicationId = id;
        accepted.version = commitment.version();
        accepted.textSha256 = commitment.sha256();
        accepted.acceptedBy = actor;
        accepted.acceptedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return accepted.persist().replaceWithVoid();
    }
}
