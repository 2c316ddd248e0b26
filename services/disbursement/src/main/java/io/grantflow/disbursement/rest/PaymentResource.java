package io.grantflow.disbursement.rest;

import io.grantflow.disbursement.application.PaymentQueries;
import io.grantflow.disbursement.application.PaymentQueries.PaymentRecord;
import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Payments as finance and operators follow them, held ones included (filter {@code status=HELD}). */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "payments", description = "资金拨付 / Payments")
public class PaymentResource {
    private static final Set<String> STATUSES =
            Arrays.stream(PaymentStatus.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final PaymentQueries queries;

    public PaymentResource(PaymentQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(
            operationId = "listPayments",
            summary = "Payments, newest first, optionally of one application or status, paged / 拨付记录",
            description = "status=HELD 列出被扣留（不会拨付）的拨付及 holdReason。 / status=HELD lists the payments held "
                    + "(never paid) with their holdReason.")
    @APIResponse(responseCode = "200", description = "一页拨付 / a page of payments")
    public Uni<Page<PaymentRecord>> list(
            @QueryParam("applicationId") UUID applicationId,
            @QueryParam("status") String status,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return queries.list(
                applicationId, QueryParams.oneOf("status", status, STATUSES), PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(operationId = "getPayment", summary = "One payment / 单笔拨付")
    @APIResponse(responseCode = "200", description = "该笔拨付 / the payment")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<PaymentRecord> get(@PathParam("id") UUID id) {
        return queries.get(id);
    }
}
