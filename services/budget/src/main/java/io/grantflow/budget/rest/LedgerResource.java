package io.grantflow.budget.rest;

import io.grantflow.budget.application.BudgetQueries;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators and auditors check the whole ledger: balances against entries, accounts against limits. */
@Path("/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger", description = "账本核对 / Ledger audit")
public class LedgerResource {
    private final BudgetQueries queries;

    public LedgerResource(BudgetQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/audit")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(
            operationId = "auditLedger",
            summary = "Recompute every balance from its entries and check every limit / 账本核对：余额与分录、额度")
    @APIResponse(
            responseCode = "200",
            description = "核对结果；consistent 为 false 时列出不符的账户 / the audit; "
                    + "when consistent is false, the accounts that disagree")
    public Uni<BudgetQueries.Audit> audit() {
        return queries.audit();
    }
}
