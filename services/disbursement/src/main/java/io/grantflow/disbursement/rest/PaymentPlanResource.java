package io.grantflow.disbursement.rest;

import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.disbursement.application.PaymentPlans;
import io.grantflow.disbursement.application.PlanQueries;
import io.grantflow.disbursement.application.PlanQueries.PlanRecord;
import io.grantflow.disbursement.domain.plan.MilestoneConfirmation;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.validation.CleanText;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Payment plans (ADR 0024): how each approved award is paid, instalment by instalment, and why
 * one waits. Finance and operators read all; a reviewer (a department's officer, or a partner
 * agency's client) reads its department's and confirms their milestones.
 */
@Path("/payment-plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "payment-plans", description = "拨付计划 / Payment plans")
public class PaymentPlanResource {
    private final PlanQueries queries;
    private final PaymentPlans plans;
    private final Caller caller;

    public PaymentPlanResource(PlanQueries queries, PaymentPlans plans, Caller caller) {
        this.queries = queries;
        this.plans = plans;
        this.caller = caller;
    }

    /** A department's confirmation that an instalment's milestone was reached. */
    public record MilestoneRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String evidence,

            @CleanText(max = Bounds.NAME) String evidenceRef) {}

    @GET
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE, Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = "listPaymentPlans",
            summary = "Payment plans, newest first, optionally of one application or status, paged / 拨付计划",
            description = "status=WAITING 列出有分期在等待（预算已不再保留、申请已撤回）或其拨付被扣留的计划；审核人只看到本部门的。"
                    + " / status=WAITING lists the plans with an instalment that waits (its reservation released, its"
                    + " application withdrawn) or whose payment is held; a reviewer sees its department's only.")
    @APIResponse(responseCode = "200", description = "一页拨付计划 / a page of payment plans")
    public Uni<Page<PlanRecord>> list(
            @QueryParam("applicationId") UUID applicationId,
            @QueryParam("status") String status,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return queries.list(
                applicationId,
                QueryParams.oneOf("status", status, PlanQueries.STATUSES),
                onlyDepartment(),
                PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE, Caller.OPERATOR, Caller.ADMIN})
    @Operation(operationId = "getPaymentPlan", summary = "One payment plan with its instalments / 单个拨付计划")
    @APIResponse(responseCode = "200", description = "该计划及各分期 / the plan and its instalments")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<PlanRecord> get(@PathParam("id") UUID id) {
        return queries.get(id, onlyDepartment());
    }

    @POST
    @Path("/{id}/instalments/{fiscalYear}/milestone")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "confirmMilestone",
            summary = "Confirm an instalment's milestone with evidence / 确认分期里程碑",
            description =
                    "计划所属部门的审核人（或其合作机构客户端）凭证据确认；自该分期到期日起拨付。同一证据再次提交不改变任何内容；"
                            + "409 NOT_A_MILESTONE、ALREADY_CONFIRMED（已凭其他证据确认）、CLOSED（已下达拨付或在等待）。"
                            + " / A reviewer of the plan's department (or its partner agency's client) confirms with evidence;"
                            + " the instalment is paid from its due date. The same evidence again changes nothing; 409"
                            + " NOT_A_MILESTONE, ALREADY_CONFIRMED (with other evidence), CLOSED (ordered already, or waiting).")
    @APIResponse(responseCode = "200", description = "已确认；该计划 / confirmed; the plan")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<PlanRecord> confirmMilestone(
            @PathParam("id") UUID id,
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear,
            @NotNull(message = "{grantflow.required}") @Valid MilestoneRequest body) {
        String department =
                caller.department().orElseThrow(() -> ProblemException.notFound("拨付计划", "payment plan", id.toString()));
        return plans.confirmMilestone(
                        id,
                        fiscalYear,
                        department,
                        new MilestoneConfirmation(body.evidence(), body.evidenceRef(), caller.name()))
                .chain(() -> queries.get(id, Optional.of(department)));
    }

    /** A reviewer (without a wider role) sees its own department's plans only; a reviewer without one sees none. */
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
