package io.grantflow.applications.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.ApplicationQueries;
import io.grantflow.applications.application.ApplicationRecord;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.call.Calls;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.application.procedure.DeadlineJob;
import io.grantflow.applications.application.procedure.Idempotency;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.applications.domain.procedure.CeilingOverride;
import io.grantflow.applications.domain.procedure.CorrectionItem;
import io.grantflow.applications.domain.procedure.OverrideKind;
import io.grantflow.applications.domain.procedure.ProcedureException;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.rest.ApplicationViews.ApplicationView;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.IdempotencyKeys;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.validation.CleanText;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The procedure's commands over REST (ADR 0017), one POST each, every one answered with the
 * application as it stands after it. The token says who acts; the procedure checks whether that
 * person may, in the state the application is in: a command its state does not accept is 409
 * ILLEGAL_TRANSITION with the current state and what it allows. Each accepts an
 * {@code Idempotency-Key}: the same request sent again with it gets the first answer.
 */
@Path("/applications/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "procedure", description = "办理流程 / The procedure: review, 补正, 公示, approval")
public class ProcedureResource {
    /** An Idempotency-Key: letters, digits and {@code . _ : -}, at most 100 (a UUID fits). */
    static final String KEY_PATTERN = IdempotencyKeys.PATTERN;

    static final String KEY_DOC = "同一请求重发时带同一键，得到首次的应答，不会重复办理（保留 7 天） / Send a request again with the "
            + "same key to get the first answer; it is never applied twice (kept for 7 days)";

    private static final Set<ProcedureState> IN_ANNOUNCEMENT =
            EnumSet.of(ProcedureState.IN_ANNOUNCEMENT, ProcedureState.OBJECTION_RAISED);

    private final RunProcedure procedures;
    private final SubmitApplication submit;
    private final ApplicationViews views;
    private final Caller caller;
    private final ObjectMapper json;
    private final ProgrammeDirectory directory;
    private final CreditCommitments commitments;
    private final Calls calls;

    public ProcedureResource(
            RunProcedure procedures,
            SubmitApplication submit,
            ApplicationViews views,
            Caller caller,
            ObjectMapper json,
            ProgrammeDirectory directory,
            CreditCommitments commitments,
            Calls calls) {
        this.calls = calls;
        this.procedures = procedures;
        this.submit = submit;
        this.views = views;
        this.caller = caller;
        this.json = json;
        this.directory = directory;
        this.commitments = commitments;
    }

    /** Reasons in Chinese, with English beside them (the Chinese serves for both when absent). */
    public record ReasonsRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsZh,

            @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsEn) {
        Bilingual text() {
            return Bilingual.of(reasonsZh, reasonsEn == null || reasonsEn.isBlank() ? reasonsZh : reasonsEn);
        }
    }

    /** Optional reasons (a withdrawal, the closing note of an award paid in full). */
    public record OptionalReasonsRequest(
            @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsZh,

            @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsEn) {
        Bilingual text() {
            if (reasonsZh == null || reasonsZh.isBlank()) {
                return null;
            }
            return Bilingual.of(reasonsZh, reasonsEn == null || reasonsEn.isBlank() ? reasonsZh : reasonsEn);
        }
    }

    /** One item of a correction notice: the field (a fact, an attachment type, a profile field) and what to do. */
    public record CorrectionItemRequest(
            @NotBlank(message = "{grantflow.required}")
            @Size(max = Bounds.FACT_NAME, message = "{grantflow.text.size}")
            @Pattern(regexp = FIELD_PATTERN, message = "{grantflow.field-name}")
            String field,

            @NotNull(message = "{grantflow.required}") ItemProblem problem,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = 500, multiline = true)
            String explanationZh,

            @CleanText(max = 500, multiline = true) String explanationEn) {}

    /** What is the matter with a field of a correction notice. */
    public enum ItemProblem {
        MISSING,
        WRONG;

        CorrectionItem.Problem domain() {
            return this == MISSING ? CorrectionItem.Problem.MISSING : CorrectionItem.Problem.WRONG;
        }
    }

    /** A field named in a correction: a fact's name, {@code attachments.<type>} or {@code profile.<field>}. */
    static final String FIELD_PATTERN = "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$";

    /** The notice (补正通知, 一次性告知): every item at once. */
    public record CorrectionRequest(
            @NotEmpty(message = "{grantflow.required}") @Size(max = Bounds.FACTS, message = "{grantflow.items.size}")
            List<@NotNull(message = "{grantflow.required}") @Valid CorrectionItemRequest> items) {}

    /**
     * The enterprise's answer to the open notice: the facts it changed (merged into its facts and
     * checked against the programme's schema) and any other field it corrected (an attachment
     * uploaded again); each must be one the notice asked for.
     */
    public record CorrectionResponse(
            @NotNull(message = "{grantflow.required}")
            @Min(value = 1, message = "{grantflow.notice-number}")
            @Max(value = 1000, message = "{grantflow.notice-number}")
            Integer noticeNumber,

            @Size(max = Bounds.FACTS, message = "{grantflow.facts.size}")
            Map<String, Object> facts,

            @Size(max = Bounds.FACTS, message = "{grantflow.facts.size}")
            List<
                            @NotBlank(message = "{grantflow.required}")
                            @Size(max = 80, message = "{grantflow.text.size}")
                            @Pattern(regexp = FIELD_PATTERN, message = "{grantflow.field-name}") String>
                    correctedFields) {}

    /** A departure from the formula the policy allows (一事一议), with its written justification. */
    public record OverrideRequest(
            @NotNull(message = "{grantflow.required}") OverrideKind kind,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String justificationZh,

            @CleanText(max = Bounds.REASON, multiline = true)
            String justificationEn) {}

    /** The claimant's proposed award: an amount no higher than the ceiling, unless through an override. */
    public record RecommendRequest(
            @NotNull(message = "{grantflow.required}") BigDecimal amount,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsZh,

            @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsEn,

            @Valid OverrideRequest override) {}

    /**
     * What an objector is told: the objection is held against the application, which now waits
     * for the department. Not the file itself, which the objector may not be entitled to read.
     */
    public record ObjectionReceipt(UUID applicationId, String status, String statusZh, String statusEn) {
        static ObjectionReceipt of(ApplicationRecord r) {
            ProcedureState state = ProcedureState.valueOf(r.status());
            return new ObjectionReceipt(
                    r.id(), r.status(), state.label().zh(), state.label().en());
        }
    }

    /** How the department resolves the objections. */
    public enum Decision {
        /** The objection is founded: back to review. */
        UPHELD,
        /** Unfounded: the announcement goes on. */
        DISMISSED
    }

    public record ObjectionResolution(
            @NotNull(message = "{grantflow.required}") Decision decision,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsZh,

            @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsEn) {}

    /** A reviewer's scores of an application of a call: every criterion of the call, 0 to 100. */
    public record ScoreRequest(
            @NotEmpty(message = "{grantflow.required}") @Size(max = 20, message = "{grantflow.criteria.size}")
            Map<
                            @Pattern(regexp = "^[a-z][a-z0-9_]{0,31}$", message = "{grantflow.criterion-code}") String,
                            @NotNull(message = "{grantflow.required}")
                            @DecimalMin(value = "0", message = "{grantflow.score}")
                            @DecimalMax(value = "100", message = "{grantflow.score}")
                            @Digits(integer = 3, fraction = 2, message = "{grantflow.score}") BigDecimal>
                    scores) {}

    /** The weighted total of a scoring. */
    public record ScoreView(UUID applicationId, BigDecimal total) {}

    /** The draft's submission, with the credit commitment accepted (required: issue #10). */
    public record SubmissionRequest(
            // checked in submitDraft rather than by @NotBlank, so that a missing body names the field too
            @Schema(required = true)
            @Size(max = 32, message = "{grantflow.text.size}")
            @Pattern(regexp = CreditCommitment.VERSION_PATTERN, message = "{grantflow.commitment-version}")
            String commitmentVersion) {}

    @POST
    @Path("/submission")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ENTERPRISE)
    @Operation(
            operationId = "submitDraft",
            summary = "Submit a draft / 提交草稿",
            description = "草稿提交后进入资格审核；commitmentVersion 必填，为所接受的现行信用承诺书版本（GET "
                    + "/credit-commitments/current）：缺少为 400 COMMITMENT_REQUIRED，草稿不变。 / The draft goes to"
                    + " the eligibility check; commitmentVersion is required, the version of the credit commitment"
                    + " in force it accepts (GET /credit-commitments/current): without it, 400 COMMITMENT_REQUIRED"
                    + " and the draft stays as it was.")
    @APIResponse(responseCode = "200", description = "已提交 / submitted")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ApplicationView> submitDraft(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Valid SubmissionRequest request,
            @Context HttpHeaders headers) {
        Actor actor = enterprise();
        var commitment = CommitmentCheck.current(commitments, request == null ? null : request.commitmentVersion());
        return rules(submit.submitDraft(
                        id,
                        actor,
                        commitment,
                        file -> merged(file, Map.of()),
                        audit(Caller.ENTERPRISE, headers),
                        key(key, "submitDraft", id, request)))
                .map(this::view);
    }

    @POST
    @Path("/scores")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "scoreApplication",
            summary = "Score an application of a call / 择优评分",
            description = "本部门审核人员按批次的每项指标评0到100分；受理后、公示前可评分，再评则替换。 / A reviewer of the "
                    + "department scores every criterion of the call from 0 to 100, once taken up and before the "
                    + "announcement; scoring again replaces it.")
    @APIResponse(responseCode = "200", description = "加权总分 / the weighted total")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ScoreView> score(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid ScoreRequest request,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        return CallResource.rules(calls.score(
                        id,
                        request.scores(),
                        actor,
                        audit(Caller.REVIEWER, headers),
                        key(key, "scoreApplication", id, request)))
                .map(total -> new ScoreView(id, total));
    }

    @POST
    @Path("/claim")
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "claimApplication",
            summary = "Take an application for review / 受理",
            description = "本项目所属部门的审核人员受理资格审核通过的申请；此后只有受理人审核。 / A reviewer of the "
                    + "programme's department takes an eligible application; only the claimant reviews it from here.")
    @APIResponse(responseCode = "200", description = "已受理 / claimed")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> claim(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        return command(id, "claimApplication", key, null, Caller.REVIEWER, headers, (p, row) -> p.claim(actor, now()));
    }

    @POST
    @Path("/correction-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "requestCorrection",
            summary = "Ask the applicant to correct (one notice, every item) / 补正通知（一次性告知）",
            description = "审核时限在企业补正期间暂停。 / The review deadline stands still while the applicant corrects.")
    @APIResponse(responseCode = "200", description = "已通知补正 / notice sent")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ApplicationView> requestCorrection(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid CorrectionRequest request,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        List<CorrectionItem> items = request.items().stream()
                .map(i -> new CorrectionItem(
                        i.field(),
                        i.problem().domain(),
                        Bilingual.of(
                                i.explanationZh(),
                                i.explanationEn() == null || i.explanationEn().isBlank()
                                        ? i.explanationZh()
                                        : i.explanationEn())))
                .toList();
        return command(
                id,
                "requestCorrection",
                key,
                request,
                Caller.REVIEWER,
                headers,
                (p, row) -> p.requestCorrection(actor, items, now()));
    }

    @POST
    @Path("/correction-response")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ENTERPRISE)
    @Operation(
            operationId = "answerCorrection",
            summary = "Answer the correction notice, once / 补正后重新提交",
            description = "facts 中的要素并入申请并按项目的 JSON Schema 校验；每个更正的字段都须是通知所要求的。 / The facts "
                    + "given are merged into the application's and checked against the programme's schema; every "
                    + "field corrected must be one the notice asked for.")
    @APIResponse(responseCode = "200", description = "已重新提交，回到部门审核 / resubmitted, back with the department")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ApplicationView> answerCorrection(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid CorrectionResponse request,
            @Context HttpHeaders headers) {
        Actor actor = enterprise();
        Map<String, Object> changed = request.facts() == null ? Map.of() : request.facts();
        Set<String> corrected = new LinkedHashSet<>(changed.keySet());
        if (request.correctedFields() != null) {
            corrected.addAll(request.correctedFields());
        }
        return command(id, "answerCorrection", key, request, Caller.ENTERPRISE, headers, (p, file) -> {
            if (!changed.isEmpty()) {
                file.replaceFacts(Json.write(json, merged(file, changed)));
            }
            p.resubmit(actor, request.noticeNumber(), corrected, now());
        });
    }

    @POST
    @Path("/recommendation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "recommendAward",
            summary = "Propose an amount with reasons / 部门拟支持金额",
            description = "金额不超过测算上限；超过上限只能经本项目允许的 override（一事一议），并须市政府同意。超过复核门槛或无上限的项目"
                    + "须由本部门另一审核人员复核（四眼原则）。 / No higher than the evaluated ceiling; above it only through "
                    + "an override the programme allows, which the city must approve. Above the four-eyes threshold, or "
                    + "without a ceiling, a second reviewer of the department confirms.")
    @APIResponse(responseCode = "200", description = "拟支持（或待复核） / recommended (or awaiting confirmation)")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ApplicationView> recommend(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid RecommendRequest request,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        BigDecimal amount = Money.exact(request.amount());
        Bilingual reasons = Bilingual.of(
                request.reasonsZh(),
                request.reasonsEn() == null || request.reasonsEn().isBlank()
                        ? request.reasonsZh()
                        : request.reasonsEn());
        CeilingOverride.Request override = request.override() == null
                ? null
                : new CeilingOverride.Request(
                        request.override().kind(),
                        Bilingual.of(
                                request.override().justificationZh(),
                                request.override().justificationEn() == null
                                        ? request.override().justificationZh()
                                        : request.override().justificationEn()));
        return command(
                id,
                "recommendAward",
                key,
                request,
                Caller.REVIEWER,
                headers,
                (p, row) -> p.recommend(actor, amount, reasons, override, now()));
    }

    @POST
    @Path("/confirmation")
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "confirmRecommendation",
            summary = "Confirm a colleague's recommendation (four-eyes) / 复核确认",
            description = "本部门另一审核人员确认；提出人本人不能确认。 / A second reviewer of the department; never the one "
                    + "who recommended it.")
    @APIResponse(responseCode = "200", description = "已复核 / confirmed")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> confirm(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        return command(
                id, "confirmRecommendation", key, null, Caller.REVIEWER, headers, (p, row) -> p.confirm(actor, now()));
    }

    @POST
    @Path("/confirmation-decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(operationId = "declineRecommendation", summary = "Send a recommendation back to the claimant / 复核退回")
    @APIResponse(responseCode = "200", description = "已退回受理人 / back with the claimant")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> decline(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid ReasonsRequest request,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        return command(
                id,
                "declineRecommendation",
                key,
                request,
                Caller.REVIEWER,
                headers,
                (p, row) -> p.declineConfirmation(actor, request.text(), now()));
    }

    @POST
    @Path("/announcement")
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "announceAward",
            summary = "Put the proposed award to public announcement / 公示",
            description = "公示期按工作日计算（默认 5 个工作日），期满由定时任务自动结束。 / The period counts working days "
                    + "(5 by default); the scheduled job closes it when it ends.")
    @APIResponse(responseCode = "200", description = "公示中 / in announcement")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> announce(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        return command(id, "announceAward", key, null, Caller.REVIEWER, headers, (p, row) -> p.announce(actor, now()));
    }

    @POST
    @Path("/objections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.ENTERPRISE, Caller.REVIEWER})
    @Operation(
            operationId = "raiseObjection",
            summary = "Object during the public announcement / 公示异议",
            description =
                    "公示期内任何企业或审核人员均可提出，须说明理由；拨付暂缓至部门处理完毕。 / Any enterprise or "
                            + "reviewer may object during the period, with reasons; payment is held until the department decides.")
    @APIResponse(responseCode = "200", description = "异议已登记 / objection recorded")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ObjectionReceipt> object(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid ReasonsRequest request,
            @Context HttpHeaders headers) {
        boolean enterprise = caller.hasRole(Caller.ENTERPRISE);
        Actor actor = enterprise ? enterprise() : reviewer();
        Viewer viewer = viewer();
        // what is announced is public: anyone may object to it, whether or not they may read the file
        Predicate<ApplicationRecord> announced = row -> ApplicationQueries.maySee(viewer, row)
                || IN_ANNOUNCEMENT.contains(ProcedureState.valueOf(row.status()));
        return run(
                        id,
                        announced,
                        "raiseObjection",
                        key,
                        request,
                        enterprise ? Caller.ENTERPRISE : Caller.REVIEWER,
                        headers,
                        (p, row) -> p.raiseObjection(actor, request.text(), now()))
                .map(ObjectionReceipt::of);
    }

    @POST
    @Path("/objection-resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "resolveObjections",
            summary = "Resolve the objections / 处理公示异议",
            description =
                    "UPHELD：异议成立，退回审核（改变金额后重新公示，或不予支持）；DISMISSED：异议不成立，公示继续。 / UPHELD: "
                            + "back to review (a new amount announced again, or a rejection); DISMISSED: the announcement goes on.")
    @APIResponse(responseCode = "200", description = "已处理 / resolved")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> resolve(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid ObjectionResolution request,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        Bilingual reasons = Bilingual.of(
                request.reasonsZh(),
                request.reasonsEn() == null || request.reasonsEn().isBlank()
                        ? request.reasonsZh()
                        : request.reasonsEn());
        return command(id, "resolveObjections", key, request, Caller.REVIEWER, headers, (p, row) -> {
            if (request.decision() == Decision.UPHELD) {
                p.upholdObjection(actor, reasons, now());
            } else {
                p.dismissObjections(actor, reasons, now());
            }
        });
    }

    @POST
    @Path("/city-approval")
    @RolesAllowed(Caller.CITY_APPROVER)
    @Operation(
            operationId = "approveForCity",
            summary = "The city government's approval / 市政府同意",
            description = "只对待市政府同意的申请；批准后向预算申请预留资金。 / Only for what awaits the city's approval; the "
                    + "budget is then asked to reserve the amount.")
    @APIResponse(responseCode = "200", description = "已批准，资金预留中 / approved, reservation requested")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> cityApprove(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Context HttpHeaders headers) {
        Actor actor = Actor.cityApprover(caller.name());
        return command(
                id,
                "approveForCity",
                key,
                null,
                Caller.CITY_APPROVER,
                headers,
                (p, row) -> p.cityApprove(actor, DeadlineJob.reservationFor(p.id(), p.version()), now()));
    }

    @POST
    @Path("/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.REVIEWER, Caller.CITY_APPROVER})
    @Operation(
            operationId = "rejectApplication",
            summary = "Reject with reasons / 不予支持",
            description = "受理人在审核中、本部门审核人员在异议成立时、市政府审批人员在待市政府同意时。原因告知申请单位。 / The "
                    + "claimant under review, a reviewer of the department on an objection, a city approver while it awaits "
                    + "the city. The reasons are shown to the applicant.")
    @APIResponse(responseCode = "200", description = "不予支持 / rejected")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> reject(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid ReasonsRequest request,
            @Context HttpHeaders headers) {
        boolean city = caller.hasRole(Caller.CITY_APPROVER) && !caller.hasRole(Caller.REVIEWER);
        Actor actor = city ? Actor.cityApprover(caller.name()) : reviewer();
        return command(
                id,
                "rejectApplication",
                key,
                request,
                city ? Caller.CITY_APPROVER : Caller.REVIEWER,
                headers,
                (p, row) -> p.reject(actor, request.text(), now()));
    }

    /** 免申即享: the enterprise's confirmation of an offer, with the credit commitment it accepts (required). */
    public record OfferConfirmationRequest(
            @NotBlank(message = "{grantflow.required}")
            @Size(max = 32, message = "{grantflow.text.size}")
            @Pattern(regexp = CreditCommitment.VERSION_PATTERN, message = "{grantflow.commitment-version}")
            String commitmentVersion) {}

    @POST
    @Path("/offer-confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ENTERPRISE)
    @Operation(
            operationId = "confirmOffer",
            summary = "Confirm a proactive offer / 免申即享意愿确认",
            description = "企业确认免申即享（须接受现行信用承诺书），按资格评估的金额直接进入公示。 / The enterprise confirms"
                    + " the offer, accepting the credit commitment in force; the evaluated amount goes straight to the"
                    + " public announcement.")
    @APIResponse(responseCode = "200", description = "已确认，公示中 / confirmed, in public announcement")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ApplicationView> confirmOffer(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid OfferConfirmationRequest request,
            @Context HttpHeaders headers) {
        Actor actor = enterprise();
        var commitment = CommitmentCheck.current(commitments, request.commitmentVersion());
        return rules(submit.confirmOffer(
                        id,
                        actor,
                        commitment,
                        audit(Caller.ENTERPRISE, headers),
                        key(key, "confirmOffer", id, request)))
                .map(this::view);
    }

    @POST
    @Path("/offer-decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ENTERPRISE)
    @Operation(
            operationId = "declineOffer",
            summary = "Decline a proactive offer / 放弃免申即享",
            description = "企业放弃免申即享，可附理由；之后仍可按常规程序申报。 / The enterprise declines the offer, with an"
                    + " optional reason; it may still apply the ordinary way.")
    @APIResponse(responseCode = "200", description = "已放弃 / declined")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ApplicationView> declineOffer(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Valid OptionalReasonsRequest request,
            @Context HttpHeaders headers) {
        Actor actor = enterprise();
        Bilingual reason = request == null ? null : request.text();
        return command(
                id,
                "declineOffer",
                key,
                request,
                Caller.ENTERPRISE,
                headers,
                (p, row) -> p.declineOffer(actor, reason, now()));
    }

    @POST
    @Path("/offer-withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "withdrawOffer",
            summary = "Take back a proactive offer not yet confirmed / 撤回免申即享",
            description = "项目主管部门（合作机构）在企业确认前撤回免申即享（筛查中或待确认），须说明理由（记录被发布机关撤销、导入有误等），"
                    + "理由告知企业。 / The programme's department (its agency) takes back an offer before the enterprise"
                    + " confirmed it (screening or offered), with reasons (the record revoked by its issuer, imported in"
                    + " error), which the enterprise is told.")
    @APIResponse(responseCode = "200", description = "已撤回 / withdrawn")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ApplicationView> withdrawOffer(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid ReasonsRequest request,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        Viewer viewer = viewer();
        // an offer being screened has no department yet: the programme's, as the import checked it
        Predicate<ApplicationRecord> visible = row -> ApplicationQueries.maySee(viewer, row)
                || (ProcedureState.SCREENING.name().equals(row.status())
                        && directory
                                .find(row.programme())
                                .map(p -> p.departments().contains(actor.department()))
                                .orElse(false));
        return run(
                        id,
                        visible,
                        "withdrawOffer",
                        key,
                        request,
                        Caller.REVIEWER,
                        headers,
                        (p, row) -> p.withdrawOffer(actor, request.text(), now()))
                .map(r -> views.view(r, viewer));
    }

    @POST
    @Path("/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.ENTERPRISE)
    @Operation(
            operationId = "withdrawApplication",
            summary = "Withdraw the application / 撤回申请",
            description = "拨付前任何时候均可撤回；已预留的资金随即释放。 / Any time before a payment; a reservation is released.")
    @APIResponse(responseCode = "200", description = "已撤回 / withdrawn")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> withdraw(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Valid OptionalReasonsRequest request,
            @Context HttpHeaders headers) {
        Actor actor = enterprise();
        Bilingual reason = request == null ? null : request.text();
        return command(
                id,
                "withdrawApplication",
                key,
                request,
                Caller.ENTERPRISE,
                headers,
                (p, row) -> p.withdraw(actor, reason, now()));
    }

    @POST
    @Path("/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "closeApplication",
            summary = "Close the file (办结) / 办结",
            description = "部分拨付的须说明理由，余额释放。 / A partly paid award needs a note; the rest is released.")
    @APIResponse(responseCode = "200", description = "已办结 / closed")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> close(
            @PathParam("id") UUID id,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Valid OptionalReasonsRequest request,
            @Context HttpHeaders headers) {
        Actor actor = reviewer();
        Bilingual note = request == null ? null : request.text();
        return command(
                id,
                "closeApplication",
                key,
                request,
                Caller.REVIEWER,
                headers,
                (p, row) -> p.close(actor, note, now()));
    }

    private Uni<ApplicationView> command(
            UUID id,
            String operation,
            String key,
            Object request,
            String role,
            HttpHeaders headers,
            RunProcedure.Command command) {
        Viewer viewer = viewer();
        return run(id, row -> ApplicationQueries.maySee(viewer, row), operation, key, request, role, headers, command)
                .map(r -> views.view(r, viewer));
    }

    private Uni<ApplicationRecord> run(
            UUID id,
            Predicate<ApplicationRecord> visible,
            String operation,
            String key,
            Object request,
            String role,
            HttpHeaders headers,
            RunProcedure.Command command) {
        return rules(procedures.run(id, visible, audit(role, headers), key(key, operation, id, request), command));
    }

    private Idempotency.Key key(String key, String operation, UUID id, Object request) {
        if (key == null) {
            return null;
        }
        return Idempotency.Key.of(
                caller.name(), checkedKey(key), operation + " " + id, request == null ? "" : Json.write(json, request));
    }

    /** The header's value, refused with a problem naming it when malformed. */
    static String checkedKey(String key) {
        return IdempotencyKeys.checked(key);
    }

    private Map<String, Object> merged(RunProcedure.File file, Map<String, Object> changed) {
        Map<String, Object> facts;
        try {
            facts = new LinkedHashMap<>(json.readValue(file.factsJson(), Map.class));
        } catch (Exception e) {
            throw new IllegalStateException("an application has unreadable facts", e);
        }
        facts.putAll(changed);
        if (!directory.known()) {
            throw Problems.catalogueNotPublished();
        }
        var programme = directory.find(file.programme());
        if (programme.isPresent()) {
            List<FieldError> errors = directory.checkFacts(programme.get(), facts, "facts");
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest(errors);
            }
        }
        return facts;
    }

    private Actor enterprise() {
        String enterpriseId = caller.enterpriseId()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_ENTERPRISE", "账号未绑定企业", "The account is not bound to an enterprise (enterprise_id claim)"));
        return Actor.enterprise(caller.name(), enterpriseId);
    }

    private Actor reviewer() {
        String department = caller.department()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_DEPARTMENT", "账号未绑定部门", "The account is not bound to a department (department claim)"));
        return Actor.reviewer(caller.name(), department);
    }

    private AuditContext audit(String role, HttpHeaders headers) {
        return new AuditContext(caller.name(), role, RequestIds.of(headers));
    }

    private Viewer viewer() {
        return Viewers.of(caller);
    }

    private ApplicationView view(ApplicationRecord record) {
        return views.view(record, viewer());
    }

    private static Instant now() {
        return Instant.now();
    }

    static <T> Uni<T> rules(Uni<T> action) {
        return action.onFailure(ProcedureException.class).transform(f -> ProcedureProblems.of((ProcedureException) f));
    }
}
