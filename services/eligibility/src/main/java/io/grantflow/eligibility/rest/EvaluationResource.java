package io.grantflow.eligibility.rest;

import io.grantflow.eligibility.domain.Applicant;
import io.grantflow.eligibility.domain.BadInputException;
import io.grantflow.eligibility.domain.Evaluation;
import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.TraceStep;
import io.grantflow.eligibility.application.EvaluateApplication;
import io.grantflow.eligibility.application.EvaluationQueries;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Evaluate a draft application on demand (the calculator), or read a stored evaluation. */
@Path("/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evaluations", description = "资格测算 / Eligibility evaluation")
public class EvaluationResource {
    private final Evaluator evaluator;
    private final EvaluationQueries queries;

    public EvaluationResource(Evaluator evaluator, EvaluationQueries queries) {
        this.evaluator = evaluator;
        this.queries = queries;
    }

    /** The applicant of a request. */
    public record ApplicantInput(@NotBlank(message = "必填 / required") String id,
                                 @NotBlank(message = "必填 / required") String kind,
                                 @NotBlank(message = "必填 / required") String district) {
    }

    /** What to evaluate. */
    public record EvaluationRequest(@NotBlank(message = "必填 / required") String programme,
                                    LocalDate asOf,
                                    @NotNull(message = "必填 / required") @Valid ApplicantInput applicant,
                                    @NotNull(message = "必填 / required") Map<String, Object> facts) {
    }

    /** A reason with its messages. */
    public record ReasonView(String code, String messageZh, String messageEn) {
    }

    /** The answer, with its explanation. */
    public record EvaluationView(String programme, boolean eligible, BigDecimal ceiling, String department,
                                 List<String> flags, List<ReasonView> reasons, List<TraceStep> trace,
                                 String catalogueVersion) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "Evaluate an application without submitting it / 资格与额度测算")
    public EvaluationView evaluate(@NotNull(message = "必填 / required") @Valid EvaluationRequest request) {
        LocalDate asOf = request.asOf() == null ? LocalDate.now(EvaluateApplication.POLICY_ZONE) : request.asOf();
        try {
            Evaluation e = evaluator.evaluate(request.programme(), asOf,
                    new Applicant(request.applicant().id(), request.applicant().kind(), request.applicant().district()),
                    request.facts());
            return new EvaluationView(e.programme(), e.eligible(), e.ceiling().orElse(null), e.department(), e.flags(),
                    e.reasons().stream().map(r -> new ReasonView(r.name(), r.messageZh(), r.messageEn())).toList(),
                    e.trace(), e.catalogueVersion());
        } catch (BadInputException e) {
            throw ProblemException.badRequest(List.of(new FieldError(e.field(), e.code(), e.messageZh(), e.getMessage())));
        }
    }

    @GET
    @Path("/{applicationId}")
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(summary = "The evaluation of a submitted application / 已提交申请的审核结果")
    public Uni<EvaluationQueries.StoredEvaluation> stored(@PathParam("applicationId") UUID applicationId) {
        return queries.get(applicationId);
    }
}
