package io.grantflow.eligibility.rest;

import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.eligibility.application.AwardHistory;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The award history the engine evaluates against: what this policy granted (recorded from the
 * applications service) and what other city-level policies granted (declared here, G3).
 */
@Path("/awards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "awards", description = "已获奖补记录 / Award history")
public class AwardResource {
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private final AwardHistory awards;
    private final Policy policy;

    public AwardResource(AwardHistory awards, Policy policy) {
        this.awards = awards;
        this.policy = policy;
    }

    /** An award to declare; {@code recordId} makes the declaration idempotent. */
    public record DeclareAward(
            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", message = "{grantflow.award.record-id}")
            String recordId,

            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = Vocabulary.CREDIT_CODE_PATTERN, message = "{grantflow.credit-code}")
            String applicantId,

            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", message = "{grantflow.award.programme-code}")
            String programme,

            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{1,99}$", message = "{grantflow.award.policy-id}")
            String policy,

            @NotNull(message = "{grantflow.required}") LocalDate asOf,
            @NotNull(message = "{grantflow.required}") BigDecimal amount,
            Map<String, Object> facts) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    @Operation(
            operationId = "declareAward",
            summary = "Declare an award of another city-level policy / 登记其他市级政策的奖补",
            description = "recordId 使登记幂等：同一编号、同一内容再次登记返回原记录，内容不同为409 IDEMPOTENCY_CONFLICT。"
                    + " / recordId makes the declaration idempotent: the same id with the same content answers the "
                    + "record again, with other content 409 IDEMPOTENCY_CONFLICT.")
    @APIResponse(responseCode = "200", description = "已登记的奖补 / the award as recorded")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<HistoryItem> declare(@NotNull(message = "{grantflow.required}") @Valid DeclareAward request) {
        List<FieldError> errors = new ArrayList<>(FactInputs.check(request.facts(), "facts"));
        if (!SocialCreditCode.isValid(request.applicantId())) {
            errors.add(new FieldError(
                    "applicantId",
                    "INVALID_CREDIT_CODE",
                    "须为18位统一社会信用代码且校验位正确",
                    "must be an 18-character unified social credit code with a valid check character"));
        }
        // the programme of another city policy has that policy's own code; one of this policy must be in the catalogue
        if (HistoryItem.THIS_POLICY.equals(request.policy())
                && policy.programme(request.programme()).isEmpty()) {
            errors.add(new FieldError(
                    "programme", "UNKNOWN_PROGRAMME", "政策目录中没有该项目", "no such programme in the policy catalogue"));
        }
        if (request.asOf().isBefore(EARLIEST) || request.asOf().isAfter(LATEST)) {
            errors.add(new FieldError("asOf", "OUT_OF_RANGE", "日期须在2000至2100年之间", "the date must be in 2000-2100"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return awards.declareNow(
                request.recordId(),
                request.applicantId(),
                request.programme(),
                request.policy(),
                request.asOf(),
                Money.exact(request.amount()),
                request.facts());
    }

    @GET
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "listAwards",
            summary = "An applicant's awards that count for evaluations, paged / 申请主体的奖补记录")
    @APIResponse(responseCode = "200", description = "一页奖补记录 / a page of awards")
    public Uni<Page<HistoryItem>> list(
            @NotBlank(message = "{grantflow.required}")
                    @Pattern(regexp = "^[0-9A-Za-z]{1," + Bounds.ID + "}$", message = "{grantflow.credit-code}")
                    @QueryParam("applicantId")
                    String applicantId,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        if (!SocialCreditCode.isValid(applicantId)) {
            // the same rule as a declared award's applicant: a wrong code would only ever find nothing
            throw ProblemException.invalidField(
                    "applicantId",
                    "INVALID_CREDIT_CODE",
                    "须为18位统一社会信用代码且校验位正确",
                    "must be an 18-character unified social credit code with a valid check character");
        }
        PageRequest page = PageRequest.of(limit, offset);
        return awards.list(applicantId).map(all -> Page.of(all, page));
    }
}
