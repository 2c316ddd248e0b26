package io.grantflow.budget.rest;

import io.grantflow.budget.application.BudgetQueries;
import io.grantflow.budget.application.ReservationView;
import io.grantflow.budget.application.ReserveFunds;
import io.grantflow.budget.application.ResolveReservation;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.domain.PolicyCodes;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Partner agencies commit funds for an award they approved (the same reservation the
 * applications service sends on Kafka), void it, and finance returns clawed-back money. The
 * reservation id is the idempotency key: repeat a request and the first answer comes back.
 */
@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reservations", description = "资金预留、释放与追回 / Reservations, voids and reversals")
public class ReservationResource {
    private final ReserveFunds reserveFunds;
    private final ResolveReservation resolve;
    private final BudgetQueries queries;
    private final Caller caller;

    public ReservationResource(ReserveFunds reserveFunds, ResolveReservation resolve, BudgetQueries queries,
                               Caller caller) {
        this.reserveFunds = reserveFunds;
        this.resolve = resolve;
        this.queries = queries;
        this.caller = caller;
    }

    /** An instalment of a staged award. */
    public record InstalmentBody(@Min(value = 2000, message = "年份无效 / invalid year")
                                 @Max(value = 2100, message = "年份无效 / invalid year") int fiscalYear,
                                 @NotNull(message = "必填 / required") BigDecimal amount) {
    }

    /** A limit the evaluation named for the award. */
    public record LimitBody(@NotBlank(message = "必填 / required") String kind,
                            @NotBlank(message = "必填 / required") String key,
                            @NotNull(message = "必填 / required") BigDecimal limit) {
    }

    /** A reservation: the award, its fiscal year (and instalments, if staged), the limits it touches. */
    public record ReserveRequest(@NotNull(message = "必填 / required") UUID reservationId,
                                 @NotNull(message = "必填 / required") UUID applicationId,
                                 @NotNull(message = "必填 / required")
                                 @Pattern(regexp = PolicyCodes.PROGRAMME, message = "项目代码无效 / invalid programme code")
                                 String programme,
                                 @NotBlank(message = "必填 / required") String department,
                                 @NotBlank(message = "必填 / required") String beneficiaryId,
                                 String beneficiaryKind,
                                 @Min(value = 2000, message = "年份无效 / invalid year")
                                 @Max(value = 2100, message = "年份无效 / invalid year") int fiscalYear,
                                 @NotNull(message = "必填 / required") BigDecimal amount,
                                 List<@Valid @NotNull(message = "必填 / required") InstalmentBody> instalments,
                                 List<@Valid @NotNull(message = "必填 / required") LimitBody> limits,
                                 Instant expiresAt) {
    }

    /** Why a reservation is voided. */
    public record VoidRequest(@NotBlank(message = "必填 / required") String reason) {
    }

    /** A clawback of posted money. */
    public record ReverseRequest(@NotNull(message = "必填 / required") UUID reversalId,
                                 @NotNull(message = "必填 / required") BigDecimal amount,
                                 @NotBlank(message = "必填 / required") String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reviewer", "finance"})
    @Operation(summary = "Reserve an approved award against every limit it touches / 预留资金")
    public Uni<Response> reserve(@NotNull(message = "必填 / required") @Valid ReserveRequest body) {
        checkDepartment(body.department());
        if (body.expiresAt() != null && !body.expiresAt().isAfter(Instant.now())) {
            throw ProblemException.invalidField("expiresAt", "IN_THE_PAST", "到期时间须晚于当前时间",
                    "expiresAt must be in the future");
        }
        ReserveFundsV1 command = new ReserveFundsV1(body.reservationId(), body.applicationId(), body.programme(),
                body.department(), body.beneficiaryId(), body.beneficiaryKind(), body.fiscalYear(), body.amount(),
                body.instalments() == null ? List.of() : body.instalments().stream()
                        .map(i -> new InstalmentAmount(i.fiscalYear(), i.amount())).toList(),
                body.limits() == null ? List.of() : body.limits().stream()
                        .map(l -> new LimitClaim(l.kind(), l.key(), l.limit())).toList(),
                Instant.now());
        return reserveFunds.reserve(command, body.expiresAt(), caller.name()).map(result -> {
            if (result instanceof LedgerResult.Reserved r) {
                ReservationView view = ReservationView.of(r.reservation());
                return r.replay() ? Response.ok(view).build()
                        : Response.created(URI.create("/reservations/" + body.reservationId())).entity(view).build();
            }
            throw problem(result);
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(summary = "A reservation with its instalments and accounts / 预留详情")
    public Uni<ReservationView> get(@PathParam("id") UUID id) {
        return queries.reservation(id).map(view -> {
            if (caller.hasRole(Caller.REVIEWER) && !caller.hasRole(Caller.FINANCE) && !caller.hasRole(Caller.ADMIN)
                    && !caller.hasRole(Caller.OPERATOR)
                    && !caller.department().map(d -> d.equals(view.department())).orElse(false)) {
                // another department's reservation does not exist for this reviewer
                throw ProblemException.notFound("预留 / reservation", id.toString());
            }
            return view;
        });
    }

    @POST
    @Path("/{id}/void")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reviewer", "finance"})
    @Operation(summary = "Release a reservation that will not be spent / 释放预留")
    public Uni<ReservationView> voidReservation(@PathParam("id") UUID id,
                                                @NotNull(message = "必填 / required") @Valid VoidRequest body) {
        return get(id).chain(view -> resolve.voidReservation(id, body.reason(), caller.name())).map(result -> {
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
    @Operation(summary = "Return clawed-back money (追回) to the budget / 追回资金")
    public Uni<ReservationView> reverse(@PathParam("id") UUID id,
                                        @NotNull(message = "必填 / required") @Valid ReverseRequest body) {
        return resolve.reverse(body.reversalId(), id, body.amount(), body.reason(), caller.name()).map(result -> {
            if (result instanceof LedgerResult.Reversed r) {
                return ReservationView.of(r.reservation());
            }
            throw problem(result);
        });
    }

    private void checkDepartment(String department) {
        if (caller.hasRole(Caller.FINANCE)) {
            return;
        }
        if (!caller.department().map(department::equals).orElse(false)) {
            throw ProblemException.forbidden("OTHER_DEPARTMENT", "只能为本部门的项目预留资金",
                    "A reviewer reserves funds for their own department only");
        }
    }

    private static ProblemException problem(LedgerResult result) {
        if (result instanceof LedgerResult.Refused r) {
            return Outcomes.refused(r);
        }
        if (result instanceof LedgerResult.Rejected r) {
            return Outcomes.rejected(r);
        }
        return new ProblemException(500, "UNEXPECTED_RESULT", "系统内部错误", "Internal error",
                "账本返回了意外结果", "the ledger returned an unexpected result: " + result.getClass().getSimpleName(), null);
    }
}
