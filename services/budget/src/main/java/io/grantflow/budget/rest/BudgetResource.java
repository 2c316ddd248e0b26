package io.grantflow.budget.rest;

import io.grantflow.budget.application.BudgetCatalogue;
import io.grantflow.budget.application.BudgetQueries;
import io.grantflow.budget.application.SetBudget;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.grantflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Finance sets each fiscal year's total, its allocations to programmes and departments and the
 * districts' 拨改转 blocks, and follows them: balances, burn-down and a forecast of when each runs out.
 */
@Path("/budgets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "budgets", description = "年度预算总额与分配 / Fiscal-year budgets and allocations")
public class BudgetResource {
    /** What setting an allocation or a block can conflict with. */
    private static final String LIMIT_CONFLICTS = "409：BELOW_COMMITTED（低于已预留与已拨付之和）、ALLOCATION_TOO_LATE"
            + "（已有预留后首次下达）。 / 409: BELOW_COMMITTED (below what is reserved and posted), ALLOCATION_TOO_LATE "
            + "(first set after money was reserved).";

    private final SetBudget setBudget;
    private final BudgetQueries queries;
    private final Caller caller;
    private final BudgetCatalogue catalogue;

    public BudgetResource(SetBudget setBudget, BudgetQueries queries, Caller caller, BudgetCatalogue catalogue) {
        this.setBudget = setBudget;
        this.queries = queries;
        this.caller = caller;
        this.catalogue = catalogue;
    }

    /** A new total for a fiscal year, in yuan with at most two decimals. */
    public record SetBudgetRequest(
            @NotNull(message = "{grantflow.required}") BigDecimal total) {}

    /** A new allocation or block, in yuan with at most two decimals. */
    public record SetAllocationRequest(
            @NotNull(message = "{grantflow.required}") BigDecimal amount) {}

    /** A fiscal year's total and what is reserved (pending) and spent (posted) against it. */
    public record BudgetView(
            int fiscalYear,
            String account,
            BigDecimal total,
            BigDecimal pending,
            BigDecimal posted,
            BigDecimal available) {
        static BudgetView of(int year, BudgetQueries.Balance b) {
            return new BudgetView(year, b.account(), b.limit(), b.pending(), b.posted(), b.available());
        }
    }

    @PUT
    @Path("/{fiscalYear}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(
            operationId = "setFiscalYearBudget",
            summary = "Set a fiscal year's total budget / 设定年度预算总额",
            description = "409 BELOW_COMMITTED：低于已预留与已拨付之和。 / 409 BELOW_COMMITTED: below what is reserved and posted.")
    @APIResponse(responseCode = "200", description = "该年度的预算总额与执行情况 / the year's total and its use")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<BudgetView> set(
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear,
            @NotNull(message = "{grantflow.required}") @Valid SetBudgetRequest request) {
        return setBudget
                .set(AccountKind.FISCAL_YEAR_TOTAL, fiscalYear, null, request.total(), "total", caller.name())
                .map(b -> BudgetView.of(fiscalYear, b));
    }

    @GET
    @Path("/{fiscalYear}")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(operationId = "getFiscalYearBudget", summary = "A fiscal year's balance / 年度预算执行情况")
    @APIResponse(responseCode = "200", description = "该年度的预算总额与执行情况 / the year's total and its use")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<BudgetView> get(
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear) {
        return queries.fiscalYear(fiscalYear).map(b -> BudgetView.of(fiscalYear, b));
    }

    @PUT
    @Path("/{fiscalYear}/programmes/{programme}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(
            operationId = "setProgrammeAllocation",
            summary = "Allocate part of a year's total to a programme / 设定项目年度额度",
            description = LIMIT_CONFLICTS)
    @APIResponse(responseCode = "200", description = "该项目额度账户 / the programme's allocation account")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<BudgetQueries.Balance> programme(
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear,
            @PathParam("programme")
                    @Pattern(regexp = Vocabulary.PROGRAMME_PATTERN, message = "{grantflow.programme-code}")
                    String programme,
            @NotNull(message = "{grantflow.required}") @Valid SetAllocationRequest request) {
        if (!catalogue.published()) {
            throw Problems.catalogueNotPublished();
        }
        var known = catalogue.programme(programme);
        if (known.isEmpty()) {
            throw ProblemException.invalidField(
                    "programme", "UNKNOWN_PROGRAMME", "政策目录中没有该项目", "no such programme in the policy catalogue");
        }
        if (!known.get().administered()) {
            throw ProblemException.invalidField(
                    "programme",
                    "NOT_ADMINISTERED",
                    "该项目不由本平台受理（另行制定或非奖补）",
                    "this programme is not administered here (a separate policy, or not a subsidy)");
        }
        return setBudget.set(
                AccountKind.PROGRAMME_ALLOCATION, fiscalYear, programme, request.amount(), "amount", caller.name());
    }

    @PUT
    @Path("/{fiscalYear}/departments/{department}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(
            operationId = "setDepartmentAllocation",
            summary = "Allocate part of a year's total to a department / 设定部门年度额度",
            description = LIMIT_CONFLICTS)
    @APIResponse(responseCode = "200", description = "该部门额度账户 / the department's allocation account")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<BudgetQueries.Balance> department(
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear,
            @PathParam("department") String department,
            @NotNull(message = "{grantflow.required}") @Valid SetAllocationRequest request) {
        if (!Vocabulary.DEPARTMENT_CODES.contains(department)) {
            throw ProblemException.invalidField(
                    "department",
                    "UNKNOWN_DEPARTMENT",
                    "未知部门：" + Problems.echo(department),
                    "unknown department: " + Problems.echo(department));
        }
        return setBudget.set(
                AccountKind.DEPARTMENT_ALLOCATION, fiscalYear, department, request.amount(), "amount", caller.name());
    }

    @PUT
    @Path("/{fiscalYear}/districts/{district}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(
            operationId = "setDistrictBlock",
            summary = "Set a district's 拨改转 block for a year / 设定区拨改转额度",
            description = LIMIT_CONFLICTS)
    @APIResponse(responseCode = "200", description = "该区的拨改转额度账户 / the district's block account")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<BudgetQueries.Balance> district(
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear,
            @PathParam("district") String district,
            @NotNull(message = "{grantflow.required}") @Valid SetAllocationRequest request) {
        if (!Vocabulary.DISTRICT_CODES.contains(district)) {
            throw ProblemException.invalidField(
                    "district",
                    "UNKNOWN_DISTRICT",
                    "未知的区县代码：" + Problems.echo(district),
                    "unknown district code: " + Problems.echo(district));
        }
        return setBudget.set(
                AccountKind.DISTRICT_BLOCK, fiscalYear, district, request.amount(), "amount", caller.name());
    }

    @GET
    @Path("/{fiscalYear}/accounts")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(
            operationId = "listBudgetAccounts",
            summary = "Every budget account of a year: total, allocations, blocks / 年度全部预算账户")
    @APIResponse(responseCode = "200", description = "一页预算账户 / a page of budget accounts")
    public Uni<Page<BudgetQueries.Balance>> accounts(
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        PageRequest page = PageRequest.of(limit, offset);
        return queries.budgetAccounts(fiscalYear).map(all -> Page.of(all, page));
    }

    @GET
    @Path("/{fiscalYear}/burn-down")
    @RolesAllowed({"finance", "admin"})
    @Operation(
            operationId = "getBurnDown",
            summary = "Use of a year's total per programme or department, day by day / 按项目或部门的预算执行进度")
    @APIResponse(
            responseCode = "200",
            description = "各项目或部门逐日累计的预留与拨付 / each programme's or "
                    + "department's reservations and payments, cumulated day by day")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<BudgetQueries.BurnDown> burnDown(
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear,
            @QueryParam("by")
                    @DefaultValue("programme")
                    @Pattern(regexp = "programme|department", message = "{grantflow.budget.usage-scope}")
                    String by) {
        return queries.burnDown(fiscalYear, by);
    }

    @GET
    @Path("/{fiscalYear}/forecast")
    @RolesAllowed({"finance", "admin"})
    @Operation(
            operationId = "getForecast",
            summary = "When each budget account runs out at the current rate / 按当前进度预测额度用尽日期")
    @APIResponse(
            responseCode = "200",
            description = "一页预测，每个已设额度的账户一行 / a page of forecasts, one per account with a limit")
    public Uni<Page<BudgetQueries.Forecast>> forecast(
            @PathParam("fiscalYear")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    int fiscalYear,
            @QueryParam("windowDays")
                    @DefaultValue("30")
                    @Min(value = 1, message = "{grantflow.budget.window-days.min}")
                    @Max(value = 366, message = "{grantflow.budget.window-days.max}")
                    int windowDays,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        PageRequest page = PageRequest.of(limit, offset);
        return queries.forecast(fiscalYear, windowDays).map(all -> Page.of(all, page));
    }
}
