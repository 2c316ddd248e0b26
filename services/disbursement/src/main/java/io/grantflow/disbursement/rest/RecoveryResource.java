package io.grantflow.disbursement.rest;

import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.disbursement.application.Recoveries;
import io.grantflow.disbursement.application.Recoveries.RecoveryRecord;
import io.grantflow.disbursement.domain.recovery.Recovery;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.IdempotencyKeys;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.validation.CleanText;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
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
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Recovery orders (追回, ADR 0029). Finance orders money paid on an application recovered, after
 * fraud or an audit finding; finance, operators and the application's department read them, an
 * enterprise its own.
 */
@Path("/recoveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recoveries", description = "追回 / Recovery orders")
public class RecoveryResource {
    private final Recoveries recoveries;
    private final Caller caller;

    public RecoveryResource(Recoveries recoveries, Caller caller) {
        this.recoveries = recoveries;
        this.caller = caller;
    }

    /** Finance's order: what is recovered of an application's paid award, on which basis and why. */
    public record RecoveryRequest(
            @NotNull(message = "{grantflow.required}") UUID applicationId,

            // checked with the other fields, so that one answer names every fault
            @NotNull(message = "{grantflow.required}")
            @DecimalMin(value = "0.01", message = "{grantflow.money}")
            @Digits(integer = 13, fraction = 2, message = "{grantflow.money}")
            @Schema(description = "CNY，大于零，最多两位小数 / CNY, above zero, at most two decimals")
            BigDecimal amount,

            @NotNull(message = "{grantflow.required}") Recovery.Basis basis,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsZh,

            @CleanText(max = Bounds.REASON, multiline = true)
            String reasonsEn) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.FINANCE)
    @Operation(
            operationId = "orderRecovery",
            summary = "Order money paid on an application recovered / 下达追回决定",
            description = "财政人员因欺诈（FRAUD）或审计发现（AUDIT_FINDING）追回已拨付资金，须说明理由。追回金额自该申请人此后的拨付中抵扣，"
                    + "其余为应退款，由引用追回编号的银行对账单收入结清；每笔收回冲回预算。金额不得高于该申请已拨付金额减此前追回决定金额"
                    + "（422 RECOVERY_ABOVE_PAID），无已拨付资金为 422 NOTHING_PAID。同一 Idempotency-Key 再次提交得到首次的结果。"
                    + " / Finance orders money paid recovered after fraud (FRAUD) or an audit finding (AUDIT_FINDING),"
                    + " with reasons. It is withheld from the applicant's later payments; the rest is owed until a"
                    + " credit of an imported bank statement quoting the order's reference repays it; each recovery"
                    + " reverses that much in the budget. The amount is at most what was paid on the application less"
                    + " earlier orders (422 RECOVERY_ABOVE_PAID); nothing paid is 422 NOTHING_PAID. The same"
                    + " Idempotency-Key again answers as the first time.")
    @APIResponse(responseCode = "200", description = "追回决定 / the recovery order")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    public Uni<RecoveryRecord> order(
            @Parameter(
                            description = PayeeResource.KEY_DOC,
                            schema = @Schema(pattern = PayeeResource.KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid RecoveryRequest body) {
        // checked here, not by Bean Validation, so that the problem names the header, not the parameter
        IdempotencyKeys.checked(key);
        BigDecimal amount = body.amount();
        return recoveries.order(
                new Recoveries.NewOrder(
                        body.applicationId(), amount.setScale(2), body.basis(), body.reasonsZh(), body.reasonsEn()),
                key,
                caller.name());
    }

    @GET
    @RolesAllowed({Caller.FINANCE, Caller.OPERATOR, Caller.ADMIN, Caller.REVIEWER, Caller.ENTERPRISE})
    @Operation(
            operationId = "listRecoveries",
            summary = "Recovery orders, newest first, optionally of one application, applicant or status, paged / 追回决定",
            description = "status=OUTSTANDING 列出尚有应退款的决定；审核人只看到本部门的，企业只看到本单位的。"
                    + " / status=OUTSTANDING lists the orders still owed; a reviewer sees its department's only, an"
                    + " enterprise its own.")
    @APIResponse(responseCode = "200", description = "一页追回决定 / a page of recovery orders")
    public Uni<Page<RecoveryRecord>> list(
            @QueryParam("applicationId") UUID applicationId,
            @QueryParam("applicantId")
                    @Pattern(regexp = PayeeResource.APPLICANT_PATTERN, message = "{grantflow.applicant-id}")
                    String applicantId,
            @QueryParam("status") String status,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return recoveries.list(
                applicationId,
                applicantId,
                QueryParams.oneOf("status", status, Recoveries.STATUSES),
                scope(),
                PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.FINANCE, Caller.OPERATOR, Caller.ADMIN, Caller.REVIEWER, Caller.ENTERPRISE})
    @Operation(
            operationId = "getRecovery",
            summary = "One recovery order with what was recovered / 单个追回决定",
            description = "含每笔抵扣（OFFSET，拨付确认前为 PENDING）与退款（REPAYMENT）。"
                    + " / With each offset (OFFSET, PENDING until its payment is confirmed) and repayment (REPAYMENT).")
    @APIResponse(responseCode = "200", description = "该追回决定 / the recovery order")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<RecoveryRecord> get(@PathParam("id") UUID id) {
        return recoveries.get(id, scope());
    }

    /**
     * Finance, operators and admins see every order; a reviewer its department's (none without
     * one); an enterprise user its enterprise's (none without one).
     */
    private Recoveries.Scope scope() {
        if (caller.hasRole(Caller.FINANCE) || caller.hasRole(Caller.OPERATOR) || caller.hasRole(Caller.ADMIN)) {
            return Recoveries.Scope.ALL;
        }
        if (caller.hasRole(Caller.REVIEWER)) {
            return new Recoveries.Scope(Optional.of(caller.department().orElse("-")), Optional.empty());
        }
        return new Recoveries.Scope(
                Optional.empty(), Optional.of(caller.enterpriseId().orElse("-")));
    }
}
