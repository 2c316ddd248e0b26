package io.grantflow.eligibility.rest;

import io.grantflow.eligibility.application.EvaluateApplication;
import io.grantflow.eligibility.application.EvaluationQueries;
import io.grantflow.eligibility.domain.Applicant;
import io.grantflow.eligibility.domain.BadInputException;
import io.grantflow.eligibility.domain.BudgetLimit;
import io.grantflow.eligibility.domain.Evaluation;
import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.Instalment;
import io.grantflow.eligibility.domain.TraceStep;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Evaluate a draft application on demand, run the policy calculator over every programme, or
 * read the stored evaluation of a submitted application.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evaluations", description = "资格测算与政策计算器 / Eligibility and policy calculator")
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

    /** An award the applicant already received (policy "this" or another city-level policy id). */
    public record HistoryInput(@NotBlank(message = "必填 / required") String programme, String policy,
                               @NotNull(message = "必填 / required") LocalDate asOf,
                               @NotNull(message = "必填 / required") BigDecimal amount,
                               Map<String, Object> facts) {
    }

    /** What to evaluate. */
    public record EvaluationRequest(@NotBlank(message = "必填 / required") String programme,
                                    LocalDate asOf,
                                    @NotNull(message = "必填 / required") @Valid ApplicantInput applicant,
                                    @NotNull(message = "必填 / required") Map<String, Object> facts,
                                    List<@Valid HistoryInput> history) {
    }

    /** A profile for the calculator: the applicant, every fact it knows, its award history. */
    public record CalculatorRequest(LocalDate asOf,
                                    @NotNull(message = "必填 / required") @Valid ApplicantInput applicant,
                                    Map<String, Object> facts,
                                    List<@Valid HistoryInput> history) {
    }

    /** A reason with its messages. */
    public record ReasonView(String code, String messageZh, String messageEn) {
    }

    /** The answer, with its explanation. */
    public record EvaluationView(String programme, boolean eligible, BigDecimal ceiling, String department,
                                 List<String> flags, List<ReasonView> reasons, List<String> missingFacts,
                                 List<TraceStep> trace, List<BudgetLimit> limits, List<Instalment> instalments,
                                 String catalogueVersion) {
    }

    /** One line of the calculator's answer. */
    public record CalculatorLine(String programme, String nameZh, String nameEn, boolean eligible, BigDecimal ceiling,
                                 List<String> flags, List<ReasonView> reasons, List<String> missingFacts) {
    }

    @POST
    @Path("evaluations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "Evaluate an application without submitting it / 资格与额度测算")
    public EvaluationView evaluate(@NotNull(message = "必填 / required") @Valid EvaluationRequest request) {
        try {
            return view(evaluator.evaluate(request.programme(), asOf(request.asOf()), applicant(request.applicant()),
                    request.facts(), history(request.history())));
        } catch (BadInputException e) {
            throw badInput(e);
        }
    }

    @POST
    @Path("calculator")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "Every programme the applicant may qualify for, with ceilings and missing facts / 政策计算器")
    public List<CalculatorLine> calculate(@NotNull(message = "必填 / required") @Valid CalculatorRequest request) {
        Applicant applicant = applicant(request.applicant());
        LocalDate asOf = asOf(request.asOf());
        Map<String, Object> facts = request.facts() == null ? Map.of() : request.facts();
        List<HistoryItem> history = history(request.history());
        try {
            return evaluator.policy().allProgrammes().stream()
                    .sorted(Comparator.comparingInt(ProgrammeDef::section).thenComparing(ProgrammeDef::code))
                    .map(p -> line(p, evaluator.evaluate(p.code(), asOf, applicant, facts, history)))
                    .toList();
        } catch (BadInputException e) {
            throw badInput(e);
        }
    }

    /** The problem's own code is the error code of CASES.md, so a client need not dig into errors. */
    private static ProblemException badInput(BadInputException e) {
        return new ProblemException(400, e.code(), "请求参数无效", "Invalid request", e.messageZh(), e.getMessage(),
                List.of(new FieldError(e.field(), e.code(), e.messageZh(), e.getMessage())));
    }

    @GET
    @Path("evaluations/{applicationId}")
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(summary = "The evaluation of a submitted application / 已提交申请的审核结果")
    public Uni<EvaluationQueries.StoredEvaluation> stored(@PathParam("applicationId") UUID applicationId) {
        return queries.get(applicationId);
    }

    private static LocalDate asOf(LocalDate asOf) {
        return asOf == null ? LocalDate.now(EvaluateApplication.POLICY_ZONE) : asOf;
    }

    private static Applicant applicant(ApplicantInput input) {
        return new Applicant(input.id(), input.kind(), input.district());
    }

    private static List<HistoryItem> history(List<HistoryInput> input) {
        return input == null ? List.of() : input.stream()
                .map(h -> new HistoryItem(h.programme(), h.policy(), h.asOf(), h.amount(),
                        h.facts() == null ? Map.of() : h.facts())).toList();
    }

    private static List<ReasonView> reasons(Evaluation e) {
        return e.reasons().stream().map(r -> new ReasonView(r.name(), r.messageZh(), r.messageEn())).toList();
    }

    private static EvaluationView view(Evaluation e) {
        return new EvaluationView(e.programme(), e.eligible(), e.ceiling().orElse(null), e.department(), e.flags(),
                reasons(e), e.missingFacts(), e.trace(), e.limits(), e.instalments(), e.catalogueVersion());
    }

    private static CalculatorLine line(ProgrammeDef p, Evaluation e) {
        return new CalculatorLine(p.code(), p.name().zh(), p.name().en(), e.eligible(), e.ceiling().orElse(null),
                e.flags(), reasons(e), e.missingFacts());
    }
}
