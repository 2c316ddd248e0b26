package io.grantflow.budget.rest;

import io.grantflow.budget.application.BlockGrants;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.http.PublicUrls;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
    public record InstalmentBody(@Min(value = 2000, message = "年份无效 / invalid year")
                                 @Max(value = 2100, message = "年份无效 / invalid year") @NotNull(message = "必填 / required") Integer fiscalYear,
                                 @NotNull(message = "必填 / required") BigDecimal amount) {
    }

    /** A proposal; {@code blockGrantId} is the idempotency key and becomes the reservation's id. */
    public record ProposeRequest(@NotNull(message = "必填 / required") UUID blockGrantId,
                                 @NotBlank(message = "必填 / required")
                                 @Pattern(regexp = Vocabulary.PROGRAMME_PATTERN, message = "项目代码格式错误 / malformed programme code")
                                 String programme,
                                 @NotBlank(message = "必填 / required") @CleanText(max = 32) String department,
                                 @NotBlank(message = "必填 / required") @CleanText(max = 32) String district,
                                 @Min(value = 2000, message = "年份无效 / invalid year")
                                 @Max(value = 2100, message = "年份无效 / invalid year") @NotNull(message = "必填 / required") Integer fiscalYear,
                                 @NotNull(message = "必填 / required") BigDecimal amount,
                                 @Size(max = Bounds.INSTALMENTS, message = "最多10期 / at most 10 instalments")
                                 List<@Valid @NotNull(message = "必填 / required") InstalmentBody> instalments,
                                 @NotBlank(message = "必填 / required") @CleanText(max = Bounds.REASON, multiline = true)
                                 String reason) {
    }

    /** Why a proposal is turned down or withdrawn. */
    public record RejectRequest(@NotBlank(message = "必填 / required") @CleanText(max = Bounds.REASON, multiline = true)
                                String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("finance")
    @Operation(summary = "Propose a district block grant; another finance officer approves it / 提出拨改转")
    public Uni<Response> propose(@NotNull(message = "必填 / required") @Valid ProposeRequest body) {
        var proposal = new BlockGrants.Proposal(body.blockGrantId(), body.programme(), body.department(), body.district(),
                body.fiscalYear(), body.amount(), body.instalments() == null ? List.of() : body.instalments().stream()
                .map(i -> new InstalmentAmount(i.fiscalYear(), i.amount())).toList(), body.reason());
        return grants.propose(proposal, caller.name()).map(proposed -> proposed.created()
                ? Response.created(urls.of("/block-grants/" + proposed.grant().id())).entity(proposed.grant()).build()
                : Response.ok(proposed.grant()).build());
    }

    @POST
    @Path("/{id}/approval")
    @RolesAllowed("finance")
    @Operation(summary = "Approve a block grant proposed by another officer: reserves it / 复核拨改转并预留资金")
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
    @Operation(summary = "Turn down or withdraw a proposed block grant / 驳回或撤回拨改转")
    public Uni<BlockGrants.GrantView> reject(@PathParam("id") UUID id,
                                             @NotNull(message = "必填 / required") @Valid RejectRequest body) {
        return grants.reject(id, caller.name(), body.reason());
    }

    @GET
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(summary = "Block grants, newest first, paged / 拨改转列表")
    public Uni<Page<BlockGrants.GrantView>> list(@QueryParam("status") String status,
                                                 @QueryParam("fiscalYear") Integer fiscalYear,
                                                 @QueryParam("limit") Integer limit,
                                                 @QueryParam("offset") Integer offset) {
        return grants.list(QueryParams.oneOf("status", status, STATUSES), fiscalYear, PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(summary = "One block grant with its reservation / 拨改转详情")
    public Uni<BlockGrants.GrantView> get(@PathParam("id") UUID id) {
        return grants.get(id);
    }
}
