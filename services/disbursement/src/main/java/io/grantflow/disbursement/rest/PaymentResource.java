package io.grantflow.disbursement.rest;

import io.grantflow.disbursement.application.PaymentQueries;
import io.grantflow.disbursement.application.PaymentQueries.PaymentRecord;
import io.grantflow.platform.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Payments as finance and operators follow them. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "payments", description = "资金拨付 / Payments")
public class PaymentResource {
    private final PaymentQueries queries;

    public PaymentResource(PaymentQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(summary = "Payments, optionally of one application / 拨付记录")
    public Uni<List<PaymentRecord>> list(@QueryParam("applicationId") String applicationId) {
        return queries.list(QueryParams.uuid("applicationId", applicationId));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(summary = "One payment / 单笔拨付")
    public Uni<PaymentRecord> get(@PathParam("id") UUID id) {
        return queries.get(id);
    }
}
