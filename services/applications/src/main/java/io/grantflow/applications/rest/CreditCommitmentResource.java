package io.grantflow.applications.rest;

import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The credit commitment (信用承诺书) an applicant accepts with a submission, by version. */
@Path("/credit-commitments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "credit-commitment", description = "信用承诺书 / The credit commitment")
public class CreditCommitmentResource {
    private final CreditCommitments commitments;

    public CreditCommitmentResource(CreditCommitments commitments) {
        this.commitments = commitments;
    }

    /** One version of the commitment's text. */
    public record CommitmentView(
            @Schema(
                    description =
                            "版本，提交申报时以 commitmentVersion 注明 / the version, named as commitmentVersion in a submission")
            String version,

            LocalDate effectiveFrom,
            boolean current,
            String titleZh,
            String titleEn,
            String textZh,
            String textEn,

            @Schema(
                    description = "中文文本、NUL、英文文本（UTF-8）的 SHA-256，随申报保存 / the SHA-256 of the Chinese text, a NUL "
                            + "and the English text (UTF-8), kept with each submission")
            String sha256) {}

    @GET
    @Path("/current")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "getCurrentCreditCommitment",
            summary = "The credit commitment in force / 现行信用承诺书",
            description = "申请企业提交申报前阅读并接受的文本；提交时以 commitmentVersion 注明其版本。 / The text an applicant reads and "
                    + "accepts before submitting; the submission names its version as commitmentVersion.")
    @APIResponse(responseCode = "200", description = "现行版本 / the version in force")
    public CommitmentView current() {
        return view(commitments.current());
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "getCreditCommitment",
            summary = "One version of the credit commitment / 某一版本的信用承诺书",
            description = "已接受的旧版本仍可查阅。 / Versions accepted in the past can still be read.")
    @APIResponse(responseCode = "200", description = "该版本 / that version")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public CommitmentView version(@PathParam("version") String version) {
        if (version == null || !version.matches(CreditCommitment.VERSION_PATTERN)) {
            throw ProblemException.invalidField(
                    "version", "INVALID_PARAMETER", "版本格式错误", "malformed version (letters, digits, dots, hyphens)");
        }
        return commitments
                .find(version)
                .map(this::view)
                .orElseThrow(() -> ProblemException.notFound("信用承诺书版本", "credit commitment version", version));
    }

    private CommitmentView view(CreditCommitment c) {
        return new CommitmentView(
                c.version(),
                c.effectiveFrom(),
                c.version().equals(commitments.current().version()),
                c.titleZh(),
                c.titleEn(),
                c.textZh(),
                c.textEn(),
                c.sha256());
    }
}
