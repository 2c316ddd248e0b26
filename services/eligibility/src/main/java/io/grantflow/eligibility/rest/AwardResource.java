package io.grantflow.eligibility.rest;

import io.grantflow.eligibility.application.AwardHistory;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.platform.money.Money;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The award history the engine evaluates against: what this policy granted (recorded from the
 * applications service) and what other city-level policies granted (declared here, G3).
 */
@Path("/awards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "awards", description = "已获奖补记录 / Award history")
public class AwardResource {
    private final AwardHistory awards;

    public AwardResource(AwardHistory awards) {
        this.awards = awards;
    }

    /** An award to declare; {@code recordId} makes the declaration idempotent. */
    public record DeclareAward(@NotBlank(message = "必填 / required") String recordId,
                               @NotBlank(message = "必填 / required") String applicantId,
                               @NotBlank(message = "必填 / required") String programme,
                               @NotBlank(message = "必填 / required")
                               @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{1,99}$", message = "政策编号格式错误 / malformed policy id")
                               String policy,
                               @NotNull(message = "必填 / required") LocalDate asOf,
                               @NotNull(message = "必填 / required") BigDecimal amount,
                               Map<String, Object> facts) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    @Operation(summary = "Declare an award of another city-level policy / 登记其他市级政策的奖补")
    public Uni<HistoryItem> declare(@NotNull(message = "必填 / required") @Valid DeclareAward request) {
        return awards.declareNow(request.recordId(), request.applicantId(), request.programme(), request.policy(),
                request.asOf(), Money.exact(request.amount()), request.facts());
    }

    @GET
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(summary = "An applicant's awards that count for evaluations / 申请主体的奖补记录")
    public Uni<List<HistoryItem>> list(@NotBlank(message = "必填 / required") @QueryParam("applicantId") String applicantId) {
        return awards.list(applicantId);
    }
}
