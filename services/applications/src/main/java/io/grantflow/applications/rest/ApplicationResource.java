package io.grantflow.applications.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.ApplicationQueries;
import io.grantflow.applications.application.ApplicationRecord;
import io.grantflow.applications.application.HistoryRecord;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.application.procedure.Idempotency;
import io.grantflow.applications.application.profile.ApplicantProfiles;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.rest.ApplicationViews.ApplicationView;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.http.PublicUrls;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.validation.CleanText;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Applications over REST: enterprises submit and follow their own; reviewers see and decide
 * those of their department; finance, operators and admins read all.
 */
@Path("/applications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "applications", description = "申报与审核 / Applications and review")
public class ApplicationResource {
    private static final Set<String> STATUSES =
            Arrays.stream(ProcedureState.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final SubmitApplication submit;
    private final ApplicationViews views;
    private final ApplicationQueries queries;
    private final Caller caller;
    private final ObjectMapper json;
    private final ProgrammeDirectory directory;
    private final PublicUrls urls;
    private final CreditCommitments commitments;
    private final ApplicantProfiles profiles;

    public ApplicationResource(
            SubmitApplication submit,
            ApplicationViews views,
            ApplicationQueries queries,
            Caller caller,
            ObjectMapper json,
            ProgrammeDirectory directory,
            PublicUrls urls,
            CreditCommitments commitments,
            ApplicantProfiles profiles) {
        this.submit = submit;
        this.views = views;
        this.queries = queries;
        this.caller = caller;
        this.json = json;
        this.directory = directory;
        this.urls = urls;
        this.commitments = commitments;
        this.profiles = profiles;
    }

    /** A submission. Money in facts is a JSON number in yuan with at most two decimals. */
    public record SubmitRequest(
            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = Vocabulary.PROGRAMME_PATTERN, message = "{grantflow.programme-code}")
            String programme,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = 32)
            String district,

            // required to submit, not for a draft (checked in validate)
            @Size(max = Bounds.FACTS, message = "{grantflow.facts.size}")
            Map<String, Object> facts,
            // where this application's notices are e-mailed; the account's own address when absent
            @Size(max = Bounds.EMAIL, message = "{grantflow.text.size}")
            @Pattern(regexp = Vocabulary.EMAIL_PATTERN, message = "{grantflow.email}")
            String contactEmail,
            // the version of the credit commitment the applicant accepted (GET /credit-commitments/current):
            // a submission needs it, a draft accepts nothing yet
            @Schema(
                    description = "所接受的信用承诺书版本（GET /credit-commitments/current）：提交申报时必填，保存草稿时可省略"
                            + " / The version of the credit commitment accepted (GET /credit-commitments/current):"
                            + " required to submit, not to save a draft")
            @Size(max = 32, message = "{grantflow.text.size}")
            @Pattern(regexp = CreditCommitment.VERSION_PATTERN, message = "{grantflow.commitment-version}")
            String commitmentVersion) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    @Operation(
            operationId = "submitApplication",
            summary = "Submit an application / 提交申报",
            description = "申请主体取自令牌的 enterprise_id；项目须为政策目录中由本平台受理的项目，要素须符合其 JSON Schema"
                    + "（GET /programmes/{code}）。主体类型取自申请主体档案（无档案为 enterprise）。commitmentVersion 必填，为所接受"
                    + "的信用承诺书版本（GET /credit-commitments/current），须为现行版本：缺少为 400 COMMITMENT_REQUIRED，"
                    + "未知为 400，已被取代为 422 COMMITMENT_SUPERSEDED。 / The applicant is the token's enterprise_id; "
                    + "the programme must be one the catalogue administers here, the facts what its JSON Schema asks for "
                    + "(GET /programmes/{code}). The beneficiary kind is the applicant profile's (enterprise without one)."
                    + " commitmentVersion is required: the version of the credit commitment accepted (GET "
                    + "/credit-commitments/current), which must be the one in force: a missing one is 400 "
                    + "COMMITMENT_REQUIRED, an unknown one 400, a superseded one 422 COMMITMENT_SUPERSEDED.")
    @APIResponse(
            responseCode = "201",
            description = "已受理，待资格审核 / accepted, awaiting the eligibility check",
            content = @Content(schema = @Schema(implementation = ApplicationView.class)),
            headers =
                    @Header(
                            name = "Location",
                            description = "该申请的地址 / the application's address",
                            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<Response> submit(
            @Parameter(
                            description = ProcedureResource.KEY_DOC,
                            schema = @Schema(pattern = ProcedureResource.KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid SubmitRequest request,
            @Context HttpHeaders headers) {
        return create(key, request, headers, true);
    }

    @POST
    @Path("/drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    @Operation(
            operationId = "createDraft",
            summary = "Save a draft / 保存草稿",
            description = "与提交申报相同的内容，先存为草稿，可修改（PUT /applications/{id}），再提交（POST "
                    + "/applications/{id}/submission）；草稿可暂缺申报要素（已填的照常校验）和 commitmentVersion，提交时须齐全并接受"
                    + "现行信用承诺书。 / The same body as a submission, kept as a draft to edit (PUT /applications/{id})"
                    + " and submit later (POST /applications/{id}/submission); a draft may leave facts (those given are"
                    + " checked) and commitmentVersion out, its submission needs all the facts and accepts the credit"
                    + " commitment in force.")
    @APIResponse(
            responseCode = "201",
            description = "草稿已保存 / draft saved",
            content = @Content(schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<Response> createDraft(
            @Parameter(
                            description = ProcedureResource.KEY_DOC,
                            schema = @Schema(pattern = ProcedureResource.KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid SubmitRequest request,
            @Context HttpHeaders headers) {
        return create(key, request, headers, false);
    }

    /** A draft's changes: the whole of what the applicant can change before it submits. */
    public record DraftRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = 32)
            String district,

            @NotNull(message = "{grantflow.required}") @Size(max = Bounds.FACTS, message = "{grantflow.facts.size}")
            Map<String, Object> facts,

            @Size(max = Bounds.EMAIL, message = "{grantflow.text.size}")
            @Pattern(regexp = Vocabulary.EMAIL_PATTERN, message = "{grantflow.email}")
            String contactEmail) {}

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    @Operation(
            operationId = "editDraft",
            summary = "Edit a draft / 修改草稿",
            description = "只能修改本企业尚未提交的草稿；要素按项目的 JSON Schema 校验。 / Only the enterprise's own draft, before "
                    + "it is submitted; the facts are checked against the programme's schema.")
    @APIResponse(responseCode = "200", description = "草稿已修改 / draft changed")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> editDraft(
            @PathParam("id") UUID id,
            @NotNull(message = "{grantflow.required}") @Valid DraftRequest request,
            @Context HttpHeaders headers) {
        String applicantId = caller.enterpriseId()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_ENTERPRISE", "账号未绑定企业", "The account is not bound to an enterprise (enterprise_id claim)"));
        AuditContext who = audit(Caller.ENTERPRISE, headers);
        return queries.get(viewer(), id)
                .chain(current -> {
                    validate(
                            new SubmitRequest(
                                    current.programme(),
                                    request.district(),
                                    request.facts(),
                                    request.contactEmail(),
                                    null),
                            true);
                    return submit.edit(
                            id, applicantId, request.district(), request.facts(), request.contactEmail(), who);
                })
                .map(this::view);
    }

    private Uni<Response> create(String key, SubmitRequest request, HttpHeaders headers, boolean submitNow) {
        String applicantId = caller.enterpriseId()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_ENTERPRISE", "账号未绑定企业", "The account is not bound to an enterprise (enterprise_id claim)"));
        validate(request, !submitNow);
        // a draft accepts no commitment yet (one it names is still checked); a submission must name one
        CreditCommitment commitment = submitNow || request.commitmentVersion() != null
                ? CommitmentCheck.current(commitments, request.commitmentVersion())
                : null;
        AuditContext context = audit(Caller.ENTERPRISE, headers);
        Idempotency.Key idempotency = key == null
                ? null
                : Idempotency.Key.of(
                        caller.name(),
                        ProcedureResource.checkedKey(key),
                        submitNow ? "submitApplication" : "createDraft",
                        Json.write(json, request));
        // the kind of beneficiary is the applicant's profile's (一企一档), an enterprise without one
        return profiles.beneficiaryKind(applicantId)
                .chain(kind -> creator(submitNow)
                        .create(
                                new SubmitApplication.SubmitCommand(
                                        applicantId,
                                        kind == null ? Vocabulary.ENTERPRISE : kind,
                                        request.district(),
                                        request.programme(),
                                        facts(request),
                                        request.contactEmail() != null
                                                ? request.contactEmail()
                                                : caller.email().orElse(null),
                                        caller.name(),
                                        commitment),
                                context,
                                idempotency))
                .map(row -> Response.created(urls.of("/applications/" + row.id()))
                        .entity(view(row))
                        .build());
    }

    /** The facts given; a draft may be saved before any (an empty set). */
    private static Map<String, Object> facts(SubmitRequest request) {
        return request.facts() == null ? Map.of() : request.facts();
    }

    @GET
    @RolesAllowed({"enterprise", "reviewer", "city_approver", "finance", "operator", "admin"})
    @Operation(
            operationId = "listApplications",
            summary = "Applications visible to the caller, newest first, paged / 可见的申请",
            description = "企业看到自己的申请，审核人员看到本部门的，财政、运维与管理员看到全部。 / Enterprises see their "
                    + "own, reviewers their department's, finance, operators and admins all.")
    @APIResponse(responseCode = "200", description = "一页申请 / a page of applications")
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<Page<ApplicationView>> list(
            @QueryParam("status") String status,
            @QueryParam("programme") String programme,
            @Parameter(
                            description = "true：只列审核已超期的（审核时限的最后一日已过） / true: only those whose review is "
                                    + "overdue (its last day has passed)",
                            schema = @Schema(enumeration = {"true", "false"}))
                    @QueryParam("overdue")
                    String overdue,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        if (programme != null && !programme.matches(Vocabulary.PROGRAMME_PATTERN)) {
            throw ProblemException.invalidField(
                    "programme", "INVALID_PARAMETER", "项目代码格式错误", "malformed programme code");
        }
        if (programme != null) {
            // a filter on a programme that does not exist is a mistake the caller should hear of
            if (!directory.known()) {
                throw Problems.catalogueNotPublished();
            }
            if (directory.find(programme).isEmpty()) {
                throw ProblemException.invalidField(
                        "programme", "UNKNOWN_PROGRAMME", "政策目录中没有该项目", "no such programme in the policy catalogue");
            }
        }
        return queries.list(
                        viewer(),
                        QueryParams.oneOf("status", status, STATUSES),
                        programme,
                        "true".equals(QueryParams.oneOf("overdue", overdue, Set.of("true", "false")))
                                ? LocalDate.now(Vocabulary.POLICY_ZONE)
                                : null,
                        PageRequest.of(limit, offset))
                .map(page -> page.map(this::view));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"enterprise", "reviewer", "city_approver", "finance", "operator", "admin"})
    @Operation(operationId = "getApplication", summary = "One application / 申请详情")
    @APIResponse(responseCode = "200", description = "该申请 / the application")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<ApplicationView> get(@PathParam("id") UUID id) {
        Viewer viewer = viewer();
        return queries.detail(viewer, id).map(d -> views.view(d.application(), d.commitment(), viewer));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({"enterprise", "reviewer", "city_approver", "finance", "operator", "admin"})
    @Operation(operationId = "listApplicationHistory", summary = "Status history of an application / 办理进度")
    @APIResponse(responseCode = "200", description = "一页状态变化，最早在前 / a page of status changes, oldest first")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<Page<HistoryRecord>> history(
            @PathParam("id") UUID id, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return queries.history(viewer(), id, PageRequest.of(limit, offset));
    }

    /** A submission or a draft: the two ways to start an application. */
    @FunctionalInterface
    private interface Creator {
        Uni<ApplicationRecord> create(SubmitApplication.SubmitCommand command, AuditContext who, Idempotency.Key key);
    }

    private Creator creator(boolean submitNow) {
        return submitNow ? submit::submit : submit::draft;
    }

    /** Who acts for the audit trail: the token's user in the role the operation needs, and the request's id. */
    private AuditContext audit(String role, HttpHeaders headers) {
        return new AuditContext(caller.name(), role, RequestIds.of(headers));
    }

    private Viewer viewer() {
        return Viewers.of(caller);
    }

    /**
     * The programme must be one the catalogue publishes and administers here, the district a
     * district code, and the facts what the programme's published schema asks for. A draft may
     * leave facts out (unfinished work is saved): what it gives is checked as a submission's
     * would be, and its submission checks them all.
     */
    private void validate(SubmitRequest request, boolean draft) {
        if (!directory.known()) {
            throw Problems.catalogueNotPublished();
        }
        List<FieldError> errors = new ArrayList<>();
        if (!Vocabulary.DISTRICT_CODES.contains(request.district())) {
            errors.add(new FieldError(
                    "district",
                    "UNKNOWN_DISTRICT",
                    "未知的区县代码：" + Problems.echo(request.district()),
                    "unknown district code: " + Problems.echo(request.district())));
        }
        var programme = directory.find(request.programme());
        if (programme.isEmpty()) {
            errors.add(new FieldError(
                    "programme", "UNKNOWN_PROGRAMME", "政策目录中没有该项目", "no such programme in the policy catalogue"));
        } else if (!programme.get().administered()) {
            errors.add(new FieldError(
                    "programme",
                    "NOT_ADMINISTERED",
                    "该项目不由本平台受理（另行制定或非奖补）",
                    "this programme is not administered here (a separate policy, or not a subsidy)"));
        } else {
            directory.checkFacts(programme.get(), facts(request), "facts").stream()
                    .filter(e -> !draft || !ProgrammeDirectory.MISSING_FACT.equals(e.code()))
                    .forEach(errors::add);
        }
        if (!draft && request.facts() == null) {
            errors.add(new FieldError("facts", "REQUIRED", "必填", "required"));
        }
        if (!draft && request.commitmentVersion() == null) {
            // refused with the other fields, so that one answer names everything to correct
            errors.add(CommitmentCheck.missing());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }

    private ApplicationView view(ApplicationRecord row) {
        return views.view(row, viewer());
    }
}
