package io.grantflow.applications.rest;

import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.profile.ApplicantProfiles;
import io.grantflow.applications.domain.applicant.ApplicantProfile;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.http.PublicUrls;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Applicant profiles (一企一档) over REST: an enterprise creates and keeps its own (the token's
 * {@code enterprise_id} is the path's credit code), reviewers read those of their department's
 * applicants, finance, operators and admins all. A change names the version it was read at
 * ({@code If-Match} with the {@code ETag}); a stale one is 412.
 */
@Path("/applicant-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "applicant-profiles", description = "申请主体档案（一企一档） / Applicant profiles (one file per applicant)")
public class ApplicantProfileResource {
    /** A telephone number: digits with an optional leading + and spaces or hyphens between. */
    static final String PHONE_PATTERN = "^\\+?[0-9][0-9 -]{3,28}[0-9]$";
    /** A bank account number: 6 to 34 digits, nothing else. */
    static final String ACCOUNT_NUMBER_PATTERN = "^[0-9]{6,34}$";

    private static final Map<String, Vocabulary.Term> KINDS = Vocabulary.byCode(Vocabulary.BENEFICIARY_KINDS);
    private static final Map<String, Vocabulary.Term> DISTRICTS = Vocabulary.byCode(Vocabulary.DISTRICTS);

    private final ApplicantProfiles profiles;
    private final Caller caller;
    private final PublicUrls urls;

    public ApplicantProfileResource(ApplicantProfiles profiles, Caller caller, PublicUrls urls) {
        this.profiles = profiles;
        this.caller = caller;
        this.urls = urls;
    }

    /** A contact person: a name, and a telephone number or an e-mail address (or both). */
    public record ContactRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.NAME)
            String name,

            @CleanText(max = 100) String title,

            @Pattern(regexp = PHONE_PATTERN, message = "{grantflow.phone}")
            String phone,

            @Size(max = Bounds.EMAIL, message = "{grantflow.text.size}")
            @Pattern(regexp = Vocabulary.EMAIL_PATTERN, message = "{grantflow.email}")
            String email) {}

    /** The account awards are paid to: kept here, verified by disbursement. */
    public record BankAccountRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.NAME)
            String bankName,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.NAME)
            String accountName,

            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = ACCOUNT_NUMBER_PATTERN, message = "{grantflow.bank-account-number}")
            String accountNumber) {}

    /** A profile as its applicant writes it. */
    public record ProfileRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.NAME)
            String name,

            @Schema(
                    description = "主体类型：公布代码表中的代码（如 enterprise、university） / the beneficiary kind: a code of "
                            + "the published vocabulary (such as enterprise, university)")
            @NotBlank(message = "{grantflow.required}")
            @CleanText(max = 32)
            String beneficiaryKind,

            @Schema(
                    description = "区县：公布代码表中的代码（如 xinwu） / the district: a code of the published vocabulary "
                            + "(such as xinwu)")
            @NotBlank(message = "{grantflow.required}")
            @CleanText(max = 32)
            String district,

            @NotNull(message = "{grantflow.required}")
            @Size(min = 1, max = ApplicantProfile.MAX_CONTACTS, message = "{grantflow.contacts.size}")
            List<@NotNull(message = "{grantflow.required}") @Valid ContactRequest> contacts,

            @Valid BankAccountRequest bankAccount) {}

    /** A bank account as a reader sees it: the number masked in listings and for reviewers and operators. */
    public record BankAccountView(String bankName, String accountName, String accountNumber, boolean masked) {}

    /** A profile as its readers see it. */
    public record ProfileView(
            String creditCode,
            String name,
            String beneficiaryKind,
            String beneficiaryKindZh,
            String beneficiaryKindEn,
            String district,
            String districtZh,
            String districtEn,

            @Schema(description = "联系人（列表中不含） / contacts (left out of listings)")
            List<ApplicantProfile.Contact> contacts,

            BankAccountView bankAccount,

            @Schema(description = "版本：每次修改加一，与 ETag 相同 / the version: one more per change, as in the ETag")
            long version,

            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {}

    @GET
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "listApplicantProfiles",
            summary = "Applicant profiles visible to the caller, by credit code, paged / 可见的申请主体档案",
            description = "企业看到本企业的，审核人员看到在本部门有申请的主体，财政、运维与管理员看到全部；银行账号均已遮蔽，不含联系人。 / "
                    + "An enterprise sees its own, a reviewer the applicants with an application in its department, "
                    + "finance, operators and admins all; account numbers masked, contacts left out.")
    @APIResponse(responseCode = "200", description = "一页档案 / a page of profiles")
    public Uni<Page<ProfileView>> list(
            @QueryParam("district") String district,
            @QueryParam("beneficiaryKind") String beneficiaryKind,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return profiles.list(
                        Viewers.of(caller),
                        QueryParams.oneOf("district", district, Vocabulary.DISTRICT_CODES),
                        QueryParams.oneOf("beneficiaryKind", beneficiaryKind, Vocabulary.BENEFICIARY_KIND_CODES),
                        PageRequest.of(limit, offset))
                .map(page -> page.map(p -> view(p, false, true)));
    }

    @GET
    @Path("/{creditCode}")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "getApplicantProfile",
            summary = "One applicant's profile / 申请主体档案",
            description = "ETag 为当前版本，修改时以 If-Match 带回。银行账号对本企业、财政与管理员完整显示，对审核与运维人员遮蔽。"
                    + "他人看不到的档案为 404。 / The ETag is the current version, sent back in If-Match to change it. "
                    + "The account number is shown whole to the enterprise itself, finance and admins, masked to "
                    + "reviewers and operators. A profile the caller may not read is 404.")
    @APIResponse(
            responseCode = "200",
            description = "该档案 / the profile",
            content = @Content(schema = @Schema(implementation = ProfileView.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "当前版本 / the current version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<Response> get(@PathParam("creditCode") String creditCode) {
        String code = creditCode(creditCode);
        Viewer viewer = Viewers.of(caller);
        return profiles.get(viewer, code)
                .map(p -> Response.ok(view(p, wholeAccount(viewer, p), false))
                        .tag(etag(p))
                        .build());
    }

    @PUT
    @Path("/{creditCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("enterprise")
    @Operation(
            operationId = "putApplicantProfile",
            summary = "Create or change one's own applicant profile / 建立或修改本企业档案",
            description = "路径中的信用代码须为令牌的 enterprise_id（否则 403 NOT_YOUR_PROFILE）。尚无档案时建立（201）；已有档案时须带"
                    + " If-Match（读取时的 ETag）：缺少为 428，版本已变为 412，同时修改为 409 CONCURRENT_CHANGE。If-None-Match: * "
                    + "只建立、不覆盖。主体类型与区县取自公布的代码表；银行账号只在此保存，由拨付服务核验。 / The credit code in the path "
                    + "must be the token's enterprise_id (else 403 NOT_YOUR_PROFILE). Without a profile yet, it is created "
                    + "(201); an existing one changes only with If-Match (the ETag it was read with): 428 without it, 412 "
                    + "when the version moved on, 409 CONCURRENT_CHANGE for a change at the same time. If-None-Match: * "
                    + "creates and never overwrites. Beneficiary kind and district are codes of the published "
                    + "vocabulary; the bank account is only kept here, disbursement verifies it.")
    @APIResponse(
            responseCode = "201",
            description = "已建立 / created",
            content = @Content(schema = @Schema(implementation = ProfileView.class)),
            headers = {
                @Header(
                        name = "Location",
                        description = "该档案的地址 / the profile's address",
                        schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(
                        name = "ETag",
                        description = "新版本 / the new version",
                        schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "200",
            description = "已修改 / changed",
            content = @Content(schema = @Schema(implementation = ProfileView.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "新版本 / the new version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED_REF)
    @APIResponse(responseCode = "428", ref = ProblemResponses.PRECONDITION_REQUIRED_REF)
    public Uni<Response> put(
            @PathParam("creditCode") String creditCode,
            @Parameter(description = "读取时的 ETag，或 * / the ETag the profile was read with, or *")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Parameter(description = "* 表示只建立 / * to create only") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
                    String ifNoneMatch,
            @NotNull(message = "{grantflow.required}") @Valid ProfileRequest request,
            @Context HttpHeaders headers) {
        String code = creditCode(creditCode);
        ApplicantProfiles.Precondition precondition = precondition(ifMatch, ifNoneMatch);
        ApplicantProfiles.ProfileDraft draft = draft(request);
        Viewer viewer = Viewers.of(caller);
        AuditContext who = new AuditContext(caller.name(), Caller.ENTERPRISE, RequestIds.of(headers));
        return profiles.put(viewer, code, draft, precondition, who).map(saved -> {
            ProfileView view = view(saved.profile(), true, false);
            Response.ResponseBuilder answer =
                    saved.created() ? Response.created(urls.of("/applicant-profiles/" + code)) : Response.ok();
            return answer.entity(view).tag(etag(saved.profile())).build();
        });
    }

    /** The path's credit code, when it is one with its check character; 400 naming it otherwise. */
    static String creditCode(String value) {
        if (value == null || !value.matches(Vocabulary.CREDIT_CODE_PATTERN) || !SocialCreditCode.isValid(value)) {
            throw ProblemException.invalidField(
                    "creditCode",
                    "INVALID_CREDIT_CODE",
                    "须为有效的18位统一社会信用代码（含校验码）",
                    "must be a valid 18-character unified social credit code (with its check character)");
        }
        return value;
    }

    /** The codes and the contacts' rule no annotation says: a way to reach each contact. */
    private static ApplicantProfiles.ProfileDraft draft(ProfileRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (!KINDS.containsKey(request.beneficiaryKind())) {
            errors.add(new FieldError(
                    "beneficiaryKind",
                    "UNKNOWN_BENEFICIARY_KIND",
                    "未知的主体类型：" + Problems.echo(request.beneficiaryKind()),
                    "unknown beneficiary kind: " + Problems.echo(request.beneficiaryKind())));
        }
        if (!DISTRICTS.containsKey(request.district())) {
            errors.add(new FieldError(
                    "district",
                    "UNKNOWN_DISTRICT",
                    "未知的区县代码：" + Problems.echo(request.district()),
                    "unknown district code: " + Problems.echo(request.district())));
        }
        List<ApplicantProfile.Contact> contacts = new ArrayList<>();
        for (int i = 0; i < request.contacts().size(); i++) {
            ContactRequest c = request.contacts().get(i);
            if (c.phone() == null && c.email() == null) {
                errors.add(new FieldError(
                        "contacts[" + i + "]",
                        "NO_WAY_TO_REACH",
                        "须留电话或邮箱",
                        "needs a telephone number or an e-mail address"));
            }
            contacts.add(new ApplicantProfile.Contact(c.name(), c.title(), c.phone(), c.email()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        BankAccountRequest account = request.bankAccount();
        return new ApplicantProfiles.ProfileDraft(
                request.beneficiaryKind(),
                request.district(),
                request.name(),
                contacts,
                account == null
                        ? null
                        : new ApplicantProfile.BankAccount(
                                account.bankName(), account.accountName(), account.accountNumber()));
    }

    /** If-Match (strong entity tags of versions, or *) and If-None-Match (only * means anything to a PUT here). */
    static ApplicantProfiles.Precondition precondition(String ifMatch, String ifNoneMatch) {
        boolean createOnly = false;
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            if (!ifNoneMatch.strip().equals("*")) {
                throw ProblemException.invalidField(
                        "If-None-Match", "INVALID_PRECONDITION", "只接受 *", "only * is accepted here");
            }
            createOnly = true;
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            return new ApplicantProfiles.Precondition(false, List.of(), createOnly);
        }
        if (ifMatch.length() > 200) {
            throw invalidIfMatch();
        }
        if (ifMatch.strip().equals("*")) {
            return new ApplicantProfiles.Precondition(true, List.of(), createOnly);
        }
        List<Long> versions = new ArrayList<>();
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                continue; // a weak tag never matches in If-Match (RFC 9110, 13.1.1)
            }
            if (!t.matches("^\"[0-9]{1,18}\"$")) {
                throw invalidIfMatch();
            }
            versions.add(Long.parseLong(t.substring(1, t.length() - 1)));
        }
        if (versions.isEmpty()) {
            versions.add(-1L); // only weak tags: nothing can match
        }
        return new ApplicantProfiles.Precondition(false, versions, createOnly);
    }

    private static ProblemException invalidIfMatch() {
        return ProblemException.invalidField(
                "If-Match",
                "INVALID_PRECONDITION",
                "须为读取时得到的 ETag（如 \"3\"）或 *",
                "must be the ETag the profile was read with (such as \"3\") or *");
    }

    private static boolean wholeAccount(Viewer viewer, ApplicantProfile p) {
        return viewer.roles().contains(Caller.FINANCE)
                || viewer.roles().contains(Caller.ADMIN)
                || viewer.isEnterprise() && p.creditCode().equals(viewer.enterpriseId());
    }

    private static EntityTag etag(ApplicantProfile p) {
        return new EntityTag(String.valueOf(p.version()));
    }

    static ProfileView view(ApplicantProfile p, boolean wholeAccount, boolean listing) {
        Vocabulary.Term kind = KINDS.get(p.beneficiaryKind());
        Vocabulary.Term district = DISTRICTS.get(p.district());
        ApplicantProfile.BankAccount account = p.bankAccount();
        BankAccountView bank = null;
        if (account != null) {
            ApplicantProfile.BankAccount shown = wholeAccount ? account : account.masked();
            bank = new BankAccountView(shown.bankName(), shown.accountName(), shown.accountNumber(), !wholeAccount);
        }
        return new ProfileView(
                p.creditCode(),
                p.name(),
                p.beneficiaryKind(),
                kind == null ? null : kind.zh(),
                kind == null ? null : kind.en(),
                p.district(),
                district == null ? null : district.zh(),
                district == null ? null : district.en(),
                listing ? null : p.contacts(),
                bank,
                p.version(),
                p.createdAt(),
                p.updatedAt(),
                p.updatedBy());
    }
}
