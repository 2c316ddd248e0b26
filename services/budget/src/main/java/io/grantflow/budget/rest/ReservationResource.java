package io.grantflow.budget.rest;

import io.grantflow.budget.application.BudgetQueries;
import io.grantflow.budget.application.ReservationView;
import io.grantflow.budget.application.ResolveReservation;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.validation.CleanText;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reservations as the ledger holds them: reviewers read their department's, finance releases one
 * that will not be spent and returns clawed-back money. No reservation is made here: an award is
 * reserved by its approval in the applications service, a district block grant by two finance
 * officers ({@link BlockGrantResource}). Every id is an idempotency key.
 */
@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reservations", description = "资金预留、释放与追回 / Reservations, voids and reversals")
public class ReservationResource {
    private final ResolveReservation resolve;
    private final BudgetQueries queries;
    private final Caller caller;

    public ReservationResource(ResolveReservation resolve, BudgetQueries queries, Caller caller) {
        this.resolve = resolve;
        this.queries = queries;
        this.caller = caller;
    }

    /** Why a reservation is voided. */
    public record VoidRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reason) {}

    /** A clawback of posted money. */
    public record ReverseRequest(
            @NotNull(message = "{grantflow.required}") UUID reversalId,
            @NotNull(message = "{grantflow.required}") BigDecimal amount,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reason) {}

    @GET
    @Path("/{id}")
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(operationId = "getReservation", summary = "A reservation with its instalments and accounts / 预留详情")
    @APIResponse(
            responseCode = "200",
            description = "该预留、各分期及占用的账户 / the reservation, its instalments and the accounts it holds")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<ReservationView> get(@PathParam("id") UUID id) {
        return queries.reservation(id).map(view -> {
            if (caller.hasRole(Caller.REVIEWER)
                    && !caller.hasRole(Caller.FINANCE)
                    && !caller.hasRole(Caller.ADMIN)
                    && !caller.hasRole(Caller.OPERATOR)
                    && !caller.department()
                            .map(d -> d.equals(view.department()))
                            .orElse(false)) {
                // another department's reservation does not exist for this reviewer
                throw ProblemException.notFound("预留", "reservation", id.toString());
            }
            return view;
        });
    }

    @POST
    @Path("/{id}/void")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(
            operationId = "voidReservation",
            summary = "Release a reservation that will not be spent / 释放预留",
            description =
                    "409 ALREADY_RESOLVED：已拨付、已释放或已过期。 / 409 ALREADY_RESOLVED: posted, voided or expired already.")
    @APIResponse(responseCode = "200", description = "已释放 / released")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<ReservationView> voidReservation(
            @PathParam("id") UUID id, @NotNull(message = "{grantflow.required}") @Valid VoidRequest body) {
        return get(id).chain(view -> resolve.voidReservation(id, body.reason(), caller.name()))
                .map(result -> {
                    if (result instanceof LedgerResult.Voided v) {
                        return ReservationView.of(v.reservation());
                    }
                    throw problem(result);
                });
    }

    @POST
    @Path("/{id}/reversals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(
            operationId = "reverseReservation",
            summary = "Return clawed-back money (追回) to the budget / 追回资金",
            description = "reversalId 为幂等键；409 IDEMPOTENCY_CONFLICT；422 AMOUNT_TOO_LARGE：超过已拨付未追回的金额。"
                    + " / reversalId is the idempotency key; 409 IDEMPOTENCY_CONFLICT; 422 AMOUNT_TOO_LARGE: more than was "
                    + "posted and not yet reversed.")
    @APIResponse(responseCode = "200", description = "追回后的预留 / the reservation after the clawback")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<ReservationView> reverse(
            @PathParam("id") UUID id, @NotNull(message = "{grantflow.required}") @Valid ReverseRequest body) {
        return resolve.reverse(body.reversalId(), id, body.amount(), body.reason(), caller.name())
                .map(result -> {
                    if (result instanceof LedgerResult.Reversed r) {
                        return ReservationView.of(r.reservation());
                    }
                    throw problem(result);
                });
    }

    private static ProblemException problem(LedgerResult result) {
        if (result instanceof LedgerResult.Refused r) {
            return Outcomes.refused(r);
        }
        if (result instanceof LedgerResult.Rejected r) {
            return Outcomes.rejected(r);
        }
        return new ProblemException(
                500,
                "UNEXPECTED_RESULT",
                "系统内部错误",
                "Internal error",
                "账本返回了意外结果",
                "the ledger returned an unexpected result: " + result.getClass().getSimpleName(),
                null);
    }
}
