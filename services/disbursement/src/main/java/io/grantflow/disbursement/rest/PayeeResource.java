package io.grantflow.disbursement.rest;

import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.disbursement.application.Payees;
import io.grantflow.disbursement.application.Payees.PayeeRecord;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.IdempotencyKeys;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.validation.CleanText;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Payees (ADR 0027): the account each applicant's awards are paid to and whether it is verified.
 * Finance and operators read all; a reviewer (a department's officer, or its partner agency's
 * client) reads those its department pays and verifies a changed account, unless it changed it.
 */
@Path("/payees")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "payees", description = "收款人账户核验 / Payee verification")
public class PayeeResource {
    /** An applicant's id: its unified social credit code, or another id of the beneficiary. */
    static final String APPLICANT_PATTERN = "^[0-9A-Za-z_-]{1,64}$";

    static final String KEY_PATTERN = IdempotencyKeys.PATTERN;

    static final String KEY_DOC = "同一请求重发时带同一键，得到首次的应答，不会重复办理 / Send a request again with the same"
            + " key to get the first answer; it is never applied twice";

    private final Payees payees;
    private final Caller caller;

    public PayeeResource(Payees payees, Caller caller) {
        this.payees = payees;
        this.caller = caller;
    }

    /** A reviewer's verification: the account number they checked (the whole number), and why. */
    public record VerificationRequest(
            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = "^[0-9]{6,34}$", message = "{grantflow.bank-account-number}")
            String accountNumber,

            @CleanText(max = Bounds.REASON, multiline = true)
            String notesZh) {}

    @GET
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE, Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = "listPayees",
            summary = "Payees by applicant, optionally of one status, paged / 收款人列表",
            description = "status=UNVERIFIED 列出待核验的收款账户；审核人只看到本部门拨付的申请单位。"
                    + " / status=UNVERIFIED lists the accounts waiting for verification; a reviewer sees only the"
                    + " applicants its department pays.")
    @APIResponse(responseCode = "200", description = "一页收款人 / a page of payees")
    public Uni<Page<PayeeRecord>> list(
            @QueryParam("status") String status,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return payees.list(
                QueryParams.oneOf("status", status, Payees.STATUSES), onlyDepartment(), PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{applicantId}")
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE, Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = "getPayee",
            summary = "One applicant's payee, its account masked / 单个收款人",
            description = "账号仅显示末四位。 / The account number shows its last four digits only.")
    @APIResponse(responseCode = "200", description = "该收款人 / the payee")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<PayeeRecord> get(
            @PathParam("applicantId") @Pattern(regexp = APPLICANT_PATTERN, message = "{grantflow.applicant-id}")
                    String applicantId) {
        return payees.get(applicantId, onlyDepartment());
    }

    @POST
    @Path("/{applicantId}/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "verifyPayee",
            summary = "Verify a payee's changed account / 核验收款账户",
            description = "本部门审核人核对账户后提交其完整账号；变更账户的人不能核验（403 PAYEE_SAME_PERSON），账户此后又变更则"
                    + " 409 PAYEE_ACCOUNT_CHANGED。核验后被扣留的拨付重新下达。"
                    + " / A reviewer of a department that pays the applicant submits the whole number it checked; the"
                    + " person who changed the account may not verify it (403 PAYEE_SAME_PERSON), and an account"
                    + " changed since is 409 PAYEE_ACCOUNT_CHANGED. Verified, the held payments are instructed again.")
    @APIResponse(responseCode = "200", description = "已核验；该收款人 / verified; the payee")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<PayeeRecord> verify(
            @PathParam("applicantId") @Pattern(regexp = APPLICANT_PATTERN, message = "{grantflow.applicant-id}")
                    String applicantId,
            @Parameter(description = KEY_DOC, schema = @Schema(pattern = KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid VerificationRequest body) {
        // checked here, not by Bean Validation, so that the problem names the header, not the parameter
        IdempotencyKeys.checked(key);
        String department =
                caller.department().orElseThrow(() -> ProblemException.notFound("收款人", "payee", applicantId));
        return payees.verify(
                applicantId, body.accountNumber(), body.notesZh(), key, caller.name(), Optional.of(department));
    }

    /** A reviewer (without a wider role) sees its own department's payees only; a reviewer without one sees none. */
    private Optional<String> onlyDepartment() {
        if (caller.hasRole(Caller.REVIEWER)
                && !caller.hasRole(Caller.FINANCE)
                && !caller.hasRole(Caller.OPERATOR)
                && !caller.hasRole(Caller.ADMIN)) {
            return Optional.of(caller.department().orElse("-"));
        }
        return Optional.empty();
    }
}
