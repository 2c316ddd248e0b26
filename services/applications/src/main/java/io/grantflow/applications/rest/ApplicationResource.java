package io.grantflow.applications.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.ApplicationQueries;
import io.grantflow.applications.application.ApplicationRecord;
import io.grantflow.applications.application.HistoryRecord;
import io.grantflow.applications.application.ReviewApplication;
import io.grantflow.applications.application.SubmitApplication;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.application.profile.ApplicantProfiles;
import io.grantflow.applications.domain.ApplicationRuleException;
import io.grantflow.applications.domain.ApplicationStatus;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.http.PublicUrls;
import io.grantflow.platform.money.Money;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
            Arrays.stream(ApplicationStatus.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final SubmitApplication submit;
    private final ReviewApplication review;
    private final ApplicationQueries queries;
    private final Caller caller;
    private final ObjectMapper json;
    private final ProgrammeDirectory directory;
    private final PublicUrls urls;
    private final CreditCommitments commitments;
    private final ApplicantProfiles profiles;

    public ApplicationResource(
            SubmitApplication submit,
            ReviewApplication review,
            ApplicationQueries queries,
            Caller caller,
            ObjectMapper json,
            ProgrammeDirectory directory,
            PublicUrls urls,
            CreditCommitments commitments,
            ApplicantProfiles profiles) {
        this.submit = submit;
        this.review = review;
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

            @NotNull(message = "{grantflow.required}") @Size(max = Bounds.FACTS, message = "{grantflow.facts.size}")
            Map<String, Object> facts,
            // where this application's notices are e-mailed; the account's own address when absent
            @Size(max = Bounds.EMAIL, message = "{grantflow.text.size}")
            @Pattern(regexp = Vocabulary.EMAIL_PATTERN, message = "{grantflow.email}")
            String contactEmail,
            // the version of the credit commitment the applicant accepted (GET /credit-commitments/current)
            @Size(max = 32, message = "{grantflow.text.size}")
            @Pattern(regexp = CreditCommitment.VERSION_PATTERN, message = "{grantflow.commitment-version}")
            String commitmentVersion) {}

    /** An approval. */
    public record ApproveRequest(
            @NotNull(message = "{grantflow.required}") BigDecimal amount,

            @CleanText(max = Bounds.REASON, multiline = true)
            String comment) {}

    /** A rejection; the reason is shown to the applicant. */
    public record RejectRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reasonZh,

            @CleanText(max = Bounds.REASON, multiline = true)
            String reasonEn) {}

    /** An application as its readers see it. */
    public record ApplicationView(
            UUID id,
            String applicantId,
            String programme,
            String district,
            Map<String, Object> facts,
            String status,
            String statusZh,
            String statusEn,
            BigDecimal ceiling,
            String department,
            BigDecimal approvedAmount,
            BigDecimal paidAmount,
            String reasonZh,
            String reasonEn,
            OffsetDateTime submittedAt,
            OffsetDateTime updatedAt) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    @Operation(
            operationId = "submitApplication",
            summary = "Submit an application / 提交申报",
            description = "申请主体取自令牌的 enterprise_id；项目须为政策目录中由本平台受理的项目，要素须符合其 JSON Schema"
                    + "（GET /programmes/{code}）。主体类型取自申请主体档案（无档案为 enterprise）。commitmentVersion 为所接受的"
                    + "信用承诺书版本（GET /credit-commitments/current），须为现行版本：未知为 400，已被取代为 422 "
                    + "COMMITMENT_SUPERSEDED。 / The applicant is the token's enterprise_id; the programme must be one "
                    + "the catalogue administers here, the facts what its JSON Schema asks for (GET /programmes/{code}). "
                    + "The beneficiary kind is the applicant profile's (enterprise without one). commitmentVersion is the "
                    + "version of the credit commitment accepted (GET /credit-commitments/current), which must be the one "
                    + "in force: an unknown one is 400, a superseded one 422 COMMITMENT_SUPERSEDED.")
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
            @NotNull(message = "{grantflow.required}") @Valid SubmitRequest request, @Context HttpHeaders headers) {
        String applicantId = caller.enterpriseId()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_ENTERPRISE", "账号未绑定企业", "The account is not bound to an enterprise (enterprise_id claim)"));
        validate(request);
        CreditCommitment commitment = commitment(request.commitmentVersion());
        AuditContext context = audit(Caller.ENTERPRISE, headers);
        // the kind of beneficiary is the applicant's profile's (一企一档), an enterprise without one
        return profiles.beneficiaryKind(applicantId)
                .chain(kind -> submit.submit(
                        new SubmitApplication.SubmitCommand(
                                applicantId,
                                kind == null ? Vocabulary.ENTERPRISE : kind,
                                request.district(),
                                request.programme(),
                                request.facts(),
                                request.contactEmail() != null
                                        ? request.contactEmail()
                                        : caller.email().orElse(null),
                                caller.name(),
                                commitment),
                        context))
                .map(row -> Response.created(urls.of("/applications/" + row.id()))
                        .entity(view(row))
                        .build());
    }

    @GET
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
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
                        PageRequest.of(limit, offset))
                .map(page -> page.map(this::view));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(operationId = "getApplication", summary = "One application / 申请详情")
    @APIResponse(responseCode = "200", description = "该申请 / the application")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<ApplicationView> get(@PathParam("id") UUID id) {
        return queries.get(viewer(), id).map(this::view);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(operationId = "listApplicationHistory", summary = "Status history of an application / 办理进度")
    @APIResponse(responseCode = "200", description = "一页状态变化，最早在前 / a page of status changes, oldest first")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<Page<HistoryRecord>> history(
            @PathParam("id") UUID id, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return queries.history(viewer(), id, PageRequest.of(limit, offset));
    }

    @POST
    @Path("/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("reviewer")
    @Operation(
            operationId = "approveApplication",
            summary = "Approve an amount no higher than the ceiling / 核定金额（不超过测算上限）",
            description = "409：INVALID_STATUS（不是待审核）、CONCURRENT_CHANGE；422：AMOUNT_ABOVE_CEILING、"
                    + "AMOUNT_NOT_POSITIVE。 / 409: INVALID_STATUS (not awaiting review), CONCURRENT_CHANGE; "
                    + "422: AMOUNT_ABOVE_CEILING, AMOUNT_NOT_POSITIVE.")
    @APIResponse(responseCode = "200", description = "已核定，待资金预留 / approved, funds being reserved")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<ApplicationView> approve(
            @PathParam("id") UUID id,
            @NotNull(message = "{grantflow.required}") @Valid ApproveRequest request,
            @Context HttpHeaders headers) {
        BigDecimal amount = Money.exact(request.amount());
        return rules(review.approve(id, amount, caller.department().orElse(null), audit(Caller.REVIEWER, headers)))
                .map(this::view);
    }

    @POST
    @Path("/{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("reviewer")
    @Operation(
            operationId = "rejectApplication",
            summary = "Reject an application / 审核不通过",
            description = "原因会告知申请企业；409：INVALID_STATUS（不是待审核）、CONCURRENT_CHANGE。 / The reason is "
                    + "shown to the applicant; 409: INVALID_STATUS (not awaiting review), CONCURRENT_CHANGE.")
    @APIResponse(responseCode = "200", description = "已驳回 / rejected")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<ApplicationView> reject(
            @PathParam("id") UUID id,
            @NotNull(message = "{grantflow.required}") @Valid RejectRequest request,
            @Context HttpHeaders headers) {
        return rules(review.reject(
                        id,
                        request.reasonZh(),
                        request.reasonEn() == null ? request.reasonZh() : request.reasonEn(),
                        caller.department().orElse(null),
                        audit(Caller.REVIEWER, headers)))
                .map(this::view);
    }

    /** Who acts for the audit trail: the token's user in the role the operation needs, and the request's id. */
    private AuditContext audit(String role, HttpHeaders headers) {
        return new AuditContext(caller.name(), role, RequestIds.of(headers));
    }

    private Viewer viewer() {
        Set<String> roles = Stream.of(Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.OPERATOR, Caller.ADMIN)
                .filter(caller::hasRole)
                .collect(Collectors.toSet());
        return new Viewer(
                caller.name(),
                roles,
                caller.enterpriseId().orElse(null),
                caller.department().orElse(null));
    }

    private static <T> Uni<T> rules(Uni<T> action) {
        return action.onFailure(ApplicationRuleException.class).transform(f -> {
            ApplicationRuleException e = (ApplicationRuleException) f;
            List<FieldError> errors = e.field() == null
                    ? null
                    : List.of(new FieldError(e.field(), e.code(), e.messageZh(), e.getMessage()));
            return switch (e.kind()) {
                case FORBIDDEN -> ProblemException.forbidden(e.code(), e.messageZh(), e.getMessage());
                case CONFLICT -> ProblemException.conflict(e.code(), e.messageZh(), e.getMessage());
                case UNPROCESSABLE -> ProblemException.unprocessable(e.code(), e.messageZh(), e.getMessage(), errors);
            };
        });
    }

    /** The credit commitment a submission names: a released version, and the one in force. */
    private CreditCommitment commitment(String version) {
        if (version == null) {
            return null;
        }
        CreditCommitment named = commitments
                .find(version)
                .orElseThrow(() -> ProblemException.invalidField(
                        "commitmentVersion",
                        "UNKNOWN_COMMITMENT_VERSION",
                        "没有该版本的信用承诺书：" + Problems.echo(version),
                        "no such version of the credit commitment: " + Problems.echo(version)));
        CreditCommitment current = commitments.current();
        if (!named.version().equals(current.version())) {
            throw ProblemException.unprocessable(
                    "COMMITMENT_SUPERSEDED",
                    "该版本信用承诺书已被 " + current.version() + " 版取代，请阅读并接受现行版本",
                    "This version of the credit commitment was superseded by " + current.version()
                            + "; read and accept the version in force",
                    List.of(new FieldError(
                            "commitmentVersion",
                            "COMMITMENT_SUPERSEDED",
                            "现行版本为 " + current.version(),
                            "the version in force is " + current.version())));
        }
        return named;
    }

    /**
     * The programme must be one the catalogue publishes and administers here, the district a
     * district code, and the facts what the programme's published schema asks for.
     */
    private void validate(SubmitRequest request) {
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
            errors.addAll(directory.checkFacts(programme.get(), request.facts(), "facts"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }

    private ApplicationView view(ApplicationRecord row) {
        Map<String, Object> facts;
        try {
            facts = json.readValue(row.factsJson(), new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ApplicationStatus status = ApplicationStatus.valueOf(row.status());
        return new ApplicationView(
                row.id(),
                row.applicantId(),
                row.programme(),
                row.district(),
                facts,
                row.status(),
                status.labelZh(),
                status.labelEn(),
                row.ceiling(),
                row.department(),
                row.approvedAmount(),
                row.paidAmount(),
                row.reasonZh(),
                row.reasonEn(),
                row.submittedAt(),
                row.updatedAt());
    }
}
