package io.grantflow.budget.rest;

import io.grantflow.budget.application.SetBudget;
import io.grantflow.budget.application.BudgetQueries;
import io.grantflow.budget.domain.Headroom;
import io.grantflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;

/** Finance sets each fiscal year's total; finance and operators read its balance. */
@Path("/budgets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "budgets", description = "年度预算总额 / Fiscal-year budgets")
public class BudgetResource {
    private final SetBudget setBudget;
    private final BudgetQueries queries;
    private final Caller caller;

    public BudgetResource(SetBudget setBudget, BudgetQueries queries, Caller caller) {
        this.setBudget = setBudget;
        this.queries = queries;
        this.caller = caller;
    }

    /** A new total for a fiscal year, in yuan with at most two decimals. */
    public record SetBudgetRequest(@NotNull(message = "必填 / required") BigDecimal total) {
    }

    /** A fiscal year's balance. */
    public record BudgetView(int fiscalYear, String account, BigDecimal total, BigDecimal pending, BigDecimal posted,
                             BigDecimal available) {
        static BudgetView of(int year, Headroom h) {
            return new BudgetView(year, h.account(), h.limit(), h.pending(), h.posted(), h.available());
        }
    }

    @PUT
    @Path("/{fiscalYear}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(summary = "Set a fiscal year's total budget / 设定年度预算总额")
    public Uni<BudgetView> set(@PathParam("fiscalYear") @Min(value = 2000, message = "年份无效 / invalid year")
                               @Max(value = 2100, message = "年份无效 / invalid year") int fiscalYear,
                               @NotNull(message = "必填 / required") @Valid SetBudgetRequest request) {
        return setBudget.set(fiscalYear, request.total(), caller.name()).map(h -> BudgetView.of(fiscalYear, h));
    }

    @GET
    @Path("/{fiscalYear}")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(summary = "A fiscal year's balance / 年度预算执行情况")
    public Uni<BudgetView> get(@PathParam("fiscalYear") int fiscalYear) {
        return queries.fiscalYear(fiscalYear).map(h -> BudgetView.of(fiscalYear, h));
    }
}
