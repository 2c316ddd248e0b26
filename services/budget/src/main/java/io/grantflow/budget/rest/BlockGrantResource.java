package io.grantflow.budget.rest;

import io.grantflow.budget.application.BlockGrants;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.http.PublicUrls;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * District block grants (拨改转) by finance, four-eyes: one officer proposes, another approves,
 * and only the approval reserves the money. This is the one way to make a reservation over REST
 * (ADR 0013); every award of an enterprise is reserved by its approval in the applications service.
 */
@Path("/block-grants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "block-grants", description = "拨改转（财政双人核定） / District block grants (four-eyes)")
public class BlockGrantResource {
    private static final Set<String> STATUSES = Set.of("PROPOSED", "APPROVED", "REFUSED", "REJECTED");

    private final BlockGrants grants;
    private final Caller caller;
    private final PublicUrls urls;

    public BlockGrantResource(BlockGrants grants, Caller caller, PublicUrls urls) {
        this.grants = grants;
        this.caller = caller;
        this.urls = urls;
    }

    /** An instalment of a staged grant. */
    public record InstalmentBody(
            @Min(value = 2000, message = "{grantflow.fiscal-year}")
            @Max(value = 2100, message = "{grantflow.fiscal-year}")
            @NotNull(message = "{grantflow.required}")
            Integer fiscalYear,

            @NotNull(message = "{grantflow.required}") BigDecimal amount) {}

    /** A proposal; {@code blockGrantId} is the idempotency key and becomes the reservation's id. */
    public record ProposeRequest(
            @NotNull(message = "{grantflow.required}") UUID blockGrantId,

            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = Vocabulary.PROGRAMME_PATTERN, message = "{grantflow.programme-code}")
            String programme,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = 32)
            String department,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = 32)
            String district,

            @Min(value = 2000, message = "{grantflow.fiscal-year}")
            @Max(value = 2100, message = "{grantflow.fiscal-year}")
            @NotNull(message = "{grantflow.required}")
            Integer fiscalYear,

            @NotNull(message = "{grantflow.required}") BigDecimal amount,

            @Size(max = Bounds.INSTALMENTS, message = "{grantflow.instalments.size}")
            List<@Valid @NotNull(message = "{grantflow.required}") InstalmentBody> instalments,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reason) {}

    /** Why a proposal is turned down or withdrawn. */
    public record RejectRequest(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.REASON, multiline = true)
            String reason) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(
            operationId = "proposeBlockGrant",
            summary = "Propose a district block grant; another finance officer approves it / 提出拨改转",
            description = "blockGrantId 为幂等键，也是之后预留的编号：同一提议再次提交返回200及原提议，内容不同为409 "
                    + "IDEMPOTENCY_CONFLICT。 / blockGrantId is the idempotency key and becomes the reservation's id: the "
                    + "same proposal again answers 200 with the first, other content 409 IDEMPOTENCY_CONFLICT.")
    @APIResponse(
            responseCode = "201",
            description = "已提出，待另一名财政人员复核 / proposed, awaiting another finance officer",
            content = @Content(schema = @Schema(implementation = BlockGrants.GrantView.class)),
            headers =
                    @Header(
                            name = "Location",
                            description = "该拨改转的地址 / the block grant's address",
                            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(
            responseCode = "200",
            description = "同一提议此前已提出：原提议 / the same proposal was made before: the first",
            content = @Content(schema = @Schema(implementation = BlockGrants.GrantView.class)))
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<Response> propose(@NotNull(message = "{grantflow.required}") @Valid ProposeRequest body) {
        var proposal = new BlockGrants.Proposal(
                body.blockGrantId(),
                body.programme(),
                body.department(),
                body.district(),
                body.fiscalYear(),
                body.amount(),
                body.instalments() == null
                        ? List.of()
                        : body.instalments().stream()
                                .map(i -> new InstalmentAmount(i.fiscalYear(), i.amount()))
                                .toList(),
                body.reason());
        return grants.propose(proposal, caller.name())
                .map(proposed -> proposed.created()
                        ? Response.created(urls.of(
                                        "/block-grants/" + proposed.grant().id()))
                                .entity(proposed.grant())
                                .build()
                        : Response.ok(proposed.grant()).build());
    }

    @POST
    @Path("/{id}/approval")
    @RolesAllowed("finance")
    @Operation(
            operationId = "approveBlockGrant",
            summary = "Approve a block grant proposed by another officer: reserves it / 复核拨改转并预留资金",
            description = "403 FOUR_EYES：提议人不能复核自己的提议；409 NOT_PROPOSED；422：预留被预算拒绝（LIMIT_EXCEEDED、"
                    + "NO_BUDGET），问题文档带 reservationId、account、unit、headroom、requested 与 violations[]。"
                    + " / 403 FOUR_EYES: the proposer cannot approve; 409 NOT_PROPOSED; 422: the budget refused the "
                    + "reservation (LIMIT_EXCEEDED, NO_BUDGET), the problem carrying reservationId, account, unit, "
                    + "headroom, requested and violations[].")
    @APIResponse(responseCode = "200", description = "已核定并预留 / approved and reserved")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<BlockGrants.GrantView> approve(@PathParam("id") UUID id) {
        return grants.approve(id, caller.name()).map(outcome -> {
            if (outcome.result() instanceof LedgerResult.Refused r) {
                throw Outcomes.refused(r);
            }
            if (outcome.result() instanceof LedgerResult.Rejected r) {
                throw Outcomes.rejected(r);
            }
            return outcome.grant();
        });
    }

    @POST
    @Path("/{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(
            operationId = "rejectBlockGrant",
            summary = "Turn down or withdraw a proposed block grant / 驳回或撤回拨改转",
            description =
                    "409 NOT_PROPOSED（已处理）、CONCURRENT_CHANGE。 / 409 NOT_PROPOSED (decided already), CONCURRENT_CHANGE.")
    @APIResponse(responseCode = "200", description = "已驳回，未预留资金 / rejected, nothing reserved")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<BlockGrants.GrantView> reject(
            @PathParam("id") UUID id, @NotNull(message = "{grantflow.required}") @Valid RejectRequest body) {
        return grants.reject(id, caller.name(), body.reason());
    }

    @GET
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(operationId = "listBlockGrants", summary = "Block grants, newest first, paged / 拨改转列表")
    @APIResponse(responseCode = "200", description = "一页拨改转 / a page of block grants")
    public Uni<Page<BlockGrants.GrantView>> list(
            @QueryParam("status") String status,
            @QueryParam("fiscalYear") Integer fiscalYear,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return grants.list(QueryParams.oneOf("status", status, STATUSES), fiscalYear, PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(operationId = "getBlockGrant", summary = "One block grant with its reservation / 拨改转详情")
    @APIResponse(
            responseCode = "200",
            description = "该拨改转，核定后含其预留 / the block grant, with its reservation once approved")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<BlockGrants.GrantView> get(@PathParam("id") UUID id) {
        return grants.get(id);
    }
}
