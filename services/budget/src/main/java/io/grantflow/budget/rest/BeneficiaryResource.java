package io.grantflow.budget.rest;

import io.grantflow.budget.application.BudgetQueries;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reviewers see what an enterprise may still receive this year before they approve. */
@Path("/beneficiaries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "beneficiaries", description = "受益单位剩余额度 / A beneficiary's remaining headroom")
public class BeneficiaryResource {
    private final BudgetQueries queries;

    public BeneficiaryResource(BudgetQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{beneficiaryId}/headroom")
    @RolesAllowed({"reviewer", "finance", "admin"})
    @Operation(
            operationId = "getBeneficiaryHeadroom",
            summary = "A beneficiary's remaining G4 amount and awards this year, and every cap it touched / 受益单位年度剩余额度")
    @APIResponse(
            responseCode = "200",
            description = "剩余金额与次数及涉及的各账户 / what is left, in yuan and awards, and every account touched")
    public Uni<BudgetQueries.BeneficiaryHeadroom> headroom(
            @PathParam("beneficiaryId")
                    @Pattern(
                            regexp = Vocabulary.CREDIT_CODE_PATTERN + "|^[a-z]{2,16}$",
                            message = "{grantflow.budget.beneficiary-id}")
                    String beneficiaryId,
            @QueryParam("fiscalYear")
                    @NotNull(message = "{grantflow.required}")
                    @Min(value = 2000, message = "{grantflow.fiscal-year}")
                    @Max(value = 2100, message = "{grantflow.fiscal-year}")
                    Integer fiscalYear) {
        // the pattern says what a code looks like; a wrong check character or an unknown district
        // would only show an untouched default headroom, which a reviewer could take for real
        boolean valid = beneficiaryId.length() == 18
                ? SocialCreditCode.isValid(beneficiaryId)
                : Vocabulary.DISTRICT_CODES.contains(beneficiaryId);
        if (!valid) {
            throw ProblemException.invalidField(
                    "beneficiaryId",
                    "INVALID_BENEFICIARY",
                    "统一社会信用代码校验位错误或区县代码不存在",
                    "the credit code's check character is wrong, or no such district");
        }
        return queries.beneficiary(beneficiaryId, fiscalYear);
    }
}
